package enr4j.api;

import enr4j.torch.NativeBuild;
import enr4j.train.ProgressReporter;
import enr4j.train.Trainer;
import enr4j.train.TrainingConfig;
import java.nio.file.Path;

/**
 * Trains a model from a config file, as {@code enr train CONFIG} does: the reference's {@code config.json} keys plus
 * enr4j's (see the README), a new run folder under {@code outDir}, models saved in it.
 */
public final class Training {
    private Training() {}

    /**
     * Runs a whole training on the calling thread.
     *
     * @param config   a training config {@code .json}; data paths in it are relative to its folder or to the working
     *                 folder
     * @param outDir   the folder that receives the run folder (created when missing)
     * @param listener receives progress on the training thread
     * @throws IllegalArgumentException naming the file and key when the config or its data are unusable
     */
    public static TrainingResult run(Path config, Path outDir, TrainingListener listener) {
        return run(config, outDir, listener, null);
    }

    /**
     * Runs a training for at most {@code maxSteps} optimizer steps (a budget, like {@code enr train --max-steps}); the
     * run folder can be continued later with {@code enr train --resume}.
     *
     * @param maxSteps the step budget, or null for the config's own epochs and budgets
     */
    public static TrainingResult run(Path config, Path outDir, TrainingListener listener, Long maxSteps) {
        NativeBuild.select();
        TrainingConfig c = TrainingConfig.load(config);
        if (maxSteps != null) {
            c = c.withBudget(maxSteps, null);
        }
        Trainer.Options quiet = Trainer.Options.quiet();
        Trainer trainer = Trainer.create(c, outDir, new Trainer.Options(new Reporter(listener), false, quiet.prefetch()));
        Trainer.Result r = trainer.run();
        return new TrainingResult(r.runDirectory(), r.model(), r.globalStep(), r.trainLoss(),
                r.reason() == Trainer.StopReason.COMPLETED);
    }

    /** The trainer's progress callbacks, passed on to the listener. */
    private record Reporter(TrainingListener listener) implements ProgressReporter {
        @Override
        public void startEpoch(int epoch, int epochs, int batches, int startBatch) {
            listener.epochStarted(epoch, epochs, batches, startBatch);
        }

        @Override
        public void update(int batchesDone, long globalStep, double loss, double imagesPerSecond) {
            listener.progress(batchesDone, loss, imagesPerSecond);
        }

        @Override
        public void message(String line) {
            listener.message(line);
        }

        @Override
        public void endEpoch() {
            listener.epochFinished();
        }
    }
}
