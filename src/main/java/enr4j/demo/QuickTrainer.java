package enr4j.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.model.ModelConfig;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.train.ProgressReporter;
import enr4j.train.Trainer;
import enr4j.train.TrainingConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's training: {@link Trainer} on the CPU in fp32 with a time budget, the reference's loss
 * (L1 + 0.05 (1 - SSIM)) and pair sampling, in a run folder like any other ({@code enr train --resume} continues it).
 */
public final class QuickTrainer {
    /** Summary of a run. */
    public record Result(NeuralRenderer model, Path runDirectory, long steps, int epochs, double seconds,
                         double lastLoss) {}

    /** Epochs that a time budget always ends first. */
    private static final int UNBOUNDED_EPOCHS = 1_000_000;

    private final int batchSize;
    private final double learningRate;
    private final long seed;

    /**
     * @param batchSize    images per step (even)
     * @param learningRate Adam's learning rate
     * @param seed         seed of the weights and of the pair sampler
     */
    public QuickTrainer(int batchSize, double learningRate, long seed) {
        if (batchSize < 2 || batchSize % 2 != 0) {
            throw new IllegalArgumentException("batch size must be even and >= 2, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /**
     * Trains a {@code model} architecture on the dataset folder {@code data} until {@code budget} has passed.
     *
     * @param runs where the run folder is created
     * @param log  receives a progress line every ~10 s
     */
    public Result train(ModelConfig model, Path data, Path runs, Duration budget, PrintStream log) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("id", "demo");
        c.put("path_to_data", data.toAbsolutePath().toString());
        c.put("batch_size", batchSize);
        c.put("lr", learningRate);
        c.put("epochs", UNBOUNDED_EPOCHS);
        c.put("save_freq", UNBOUNDED_EPOCHS);
        c.put("seed", seed);
        c.put("device", "cpu");
        c.put("precision", "fp32");
        c.put("crop_size", model.imageSize());
        c.put("max_minutes", budget.toMillis() / 60_000.0);
        c.setAll(model.toJson());
        TrainingConfig config = TrainingConfig.fromJson(c, null, null);
        long start = System.nanoTime();
        Trainer.Result r = Trainer.create(config, runs, new Trainer.Options(new Log(log, start), false, 2)).run();
        return new Result(ModelFiles.load(r.model()), r.runDirectory(), r.stepsThisRun(), r.epochsDone() + 1,
                (System.nanoTime() - start) / 1e9, r.trainLoss());
    }

    /** One line every ~10 s: step, epoch, loss, time. */
    private static final class Log implements ProgressReporter {
        private static final long INTERVAL = Duration.ofSeconds(10).toNanos();
        private final PrintStream out;
        private final long start;
        private long next;
        private int epoch;

        Log(PrintStream out, long start) {
            this.out = out;
            this.start = start;
            this.next = start + INTERVAL;
        }

        @Override
        public void startEpoch(int epoch, int epochs, int batches, int startBatch) {
            this.epoch = epoch;
        }

        @Override
        public void update(int batchesDone, long globalStep, double loss, double imagesPerSecond) {
            long now = System.nanoTime();
            if (now - next >= 0) {
                out.printf(Locale.ROOT, "  step %d, epoch %d, loss %.4f, %.0f s%n", globalStep, epoch, loss,
                        (now - start) / 1e9);
                next = now + INTERVAL;
            }
        }

        @Override
        public void message(String line) {}

        @Override
        public void endEpoch() {}
    }
}
