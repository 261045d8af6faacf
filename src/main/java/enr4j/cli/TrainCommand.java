package enr4j.cli;

import enr4j.model.MemoryEstimate;
import enr4j.torch.Precision;
import enr4j.train.Trainer;
import enr4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr train CONFIG}: the reference's training, with run folders, budgets and resume. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a dataset described by a reference-style config .json "
                + "(or continue a run with --resume).")
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "training config .json (not with --resume)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "where run folders are created (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue this run from its last saved state")
    Path resume;

    @Option(names = "--device", paramLabel = "cpu|cuda", description = "overrides the config's device")
    String device;

    @picocli.CommandLine.Mixin
    KernelOptions kernels;

    @Option(names = "--precision", paramLabel = "fp32|tf32|bf16", description = "overrides the config's precision")
    String precision;

    @Option(names = "--epochs", paramLabel = "N", description = "overrides the config's epochs (e.g. to train longer)")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "stop after N optimizer steps in total")
    Long maxSteps;

    @Option(names = "--max-minutes", paramLabel = "M", description = "stop after M minutes of this invocation")
    Double maxMinutes;

    @Option(names = "--checkpoint-minutes", paramLabel = "M",
            description = "save the resumable state every M minutes inside an epoch (config checkpoint_minutes, "
                    + "default 10)")
    Double checkpointMinutes;

    @Option(names = "--max-non-finite-steps", paramLabel = "N",
            description = "stop after N consecutive steps with a non-finite loss or gradient (config "
                    + "max_non_finite_steps, default 1)")
    Integer maxNonFiniteSteps;

    @Option(names = "--colour-augmentation", paramLabel = "P",
            description = "recolour each training pair with probability P in [0, 1] (a random hue rotation and "
                    + "saturation, the same for both views; config colour_augmentation, default 0)")
    Double colourAugmentation;

    @Option(names = {"--processes", "--gpus"}, paramLabel = "N",
            description = "data-parallel processes on this host (one per GPU with cuda; Gloo on the CPU); "
                    + "batch_size stays the global batch")
    Integer processes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((config == null) == (resume == null)) {
            throw new IllegalArgumentException("give either CONFIG or --resume RUN_DIR");
        }
        OptionBounds.checkIfGiven("--processes", processes, 1, OptionBounds.MAX_WORKERS);
        if (processes == null && config != null && enr4j.torch.Torch.cudaDeviceCount() > 1
                && DataHint.load(config).multiGpu()) {
            processes = enr4j.torch.Torch.cudaDeviceCount(); // the reference's multi_gpu: every local GPU
        }
        if (processes != null && processes > 1 && System.getenv("WORLD_SIZE") == null) {
            List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("--processes") || args.get(i).equals("--gpus")) {
                    args.remove(i);
                    args.remove(i);
                    break;
                }
                if (args.get(i).startsWith("--processes=") || args.get(i).startsWith("--gpus=")) {
                    args.remove(i);
                    break;
                }
            }
            return ProcessLauncher.run(processes, args, resume != null ? resume : out);
        }
        TrainingConfig fresh = resume != null ? null : override(DataHint.load(config));
        if (fresh != null) { // refuse a model too large for the device before building it
            MemoryEstimate.requireTrainingFits(fresh.model(), fresh.batchSize() / Math.max(1, worldSize()),
                    fresh.resolvedDevice(), String.valueOf(fresh.source()));
        }
        Trainer trainer = resume != null
                ? Trainer.resume(resume, this::override, Trainer.Options.console())
                : Trainer.create(fresh, out, Trainer.Options.console());
        TrainingConfig c = trainer.config();
        System.out.println((resume != null ? "resuming " : "run folder ") + trainer.runDirectory());
        System.out.printf("%s on %s (%s), %d parameters, batch %d, %d epochs%s%n", c.id(), c.resolvedDevice(),
                c.resolvedPrecision().name().toLowerCase(), trainer.model().parameterCount(), c.batchSize(), c.epochs(),
                c.data().colourAugmentation() > 0 ? ", colour augmentation " + c.data().colourAugmentation() : "");
        Trainer.Result r = trainer.run();
        System.out.printf("%s after %d steps (%d this run, %.1f images/s), epoch %d of %d%n",
                switch (r.reason()) {
                    case COMPLETED -> "done";
                    case MAX_STEPS -> "stopped at --max-steps";
                    case MAX_MINUTES -> "stopped at --max-minutes";
                    case INTERRUPTED -> "interrupted";
                }, r.globalStep(), r.stepsThisRun(), r.imagesPerSecond(), r.epochsDone(), c.epochs());
        System.out.printf("train loss %.4f%s%n", r.trainLoss(),
                Double.isNaN(r.valLoss()) ? "" : String.format(", validation loss %.4f", r.valLoss()));
        if (r.model() != null) {
            System.out.println("model: " + r.model() + (r.bestModel() != null ? ", best: " + r.bestModel() : ""));
        }
        if (r.reason() != Trainer.StopReason.COMPLETED) {
            System.out.println("continue with: enr train --resume " + r.runDirectory());
        }
        return 0;
    }

    private static int worldSize() {
        String n = System.getenv("WORLD_SIZE");
        return n == null || !n.matches("[0-9]+") ? 1 : Integer.parseInt(n);
    }

    private TrainingConfig override(TrainingConfig c) {
        if (device != null) {
            c = c.withDevice(device);
        }
        if (precision != null) {
            c = c.withPrecision(Precision.parse(precision));
        }
        if (epochs != null) {
            c = c.withEpochs(epochs);
        }
        return c.withBudget(maxSteps, maxMinutes).withSafety(checkpointMinutes, maxNonFiniteSteps)
                .withColourAugmentation(colourAugmentation);
    }
}
