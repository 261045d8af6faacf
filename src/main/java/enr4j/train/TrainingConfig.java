package enr4j.train;

import static enr4j.train.TrainingKeys.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.data.ColourAugmentation;
import enr4j.data.PoseReading;
import enr4j.io.Json;
import enr4j.io.JsonFileException;
import enr4j.model.ConfigException;
import enr4j.model.ConfigSource;
import enr4j.model.ModelConfig;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import java.nio.file.Path;
import java.util.List;

/**
 * A training run's configuration: the reference's config file, read unchanged, plus optional keys of ours, grouped
 * by what they control. The keys, their defaults and checks are listed once in {@link TrainingKeys}; docs/TRAINING.md
 * and docs/TRANSFER.md describe them.
 *
 * <p>Relative data paths resolve against the config file's folder first; when nothing exists there, against
 * the working directory. A path that exists in neither is an error.
 *
 * @param source    the file read (for messages), or null
 * @param raw       the file's JSON object, unchanged (copied into the run folder)
 * @param multiGpu  true: `enr train` starts one data-parallel process per local GPU (see docs/DISTRIBUTED.md)
 * @param device    "cpu", "cuda" or "cuda:N", or null for the default
 * @param precision null for the device's default
 * @param logEvery  steps between two read-backs of the losses from the device
 * @param saveFreq  epochs between two saves of {@code model/}
 */
public record TrainingConfig(Path source, ObjectNode raw, String id, boolean multiGpu, String device,
                             Precision precision, int logEvery, int saveFreq, Data data, Optimisation optimisation,
                             Transfer transfer, Limits limits, ModelConfig model) {

    /**
     * Where the images come from and how they are read.
     *
     * @param pathToTestData     validation data, or null
     * @param colourAugmentation probability in [0, 1] that a training pair is recoloured (0: never; validation
     *                           never is), see {@link enr4j.data.ColourAugmentation}
     */
    public record Data(Path pathToData, Path pathToTestData, int cropSize, PoseReading poses,
                       double colourAugmentation) {
        static Data read(ConfigSource s) {
            return new Data(PATH_TO_DATA.read(s), PATH_TO_TEST_DATA.read(s), CROP_SIZE.read(s),
                    new PoseReading(ANGLES_IN_RADIANS.read(s), IGNORE_TRANSLATIONS.read(s)),
                    COLOUR_AUGMENTATION.read(s));
        }
    }

    /**
     * The reference's optimisation: batch (pairs of views), Adam's learning rate, epochs, the loss, the seed.
     *
     * @param chromaLossWeight weight of our {@link ChromaLoss} added to the reference's loss (0: off, the reference's)
     */
    public record Optimisation(int batchSize, double lr, int epochs, RenderingLoss.Kind lossType,
                               double ssimLossWeight, long seed, double chromaLossWeight) {
        static Optimisation read(ConfigSource s) {
            return new Optimisation(BATCH_SIZE.read(s), LR.read(s), EPOCHS.read(s), LOSS_TYPE.read(s),
                    SSIM_LOSS_WEIGHT.read(s), SEED.read(s), CHROMA_LOSS_WEIGHT.read(s));
        }
    }

    /**
     * Transfer learning (docs/TRANSFER.md).
     *
     * @param phases progressive freezing phases (empty when not configured)
     */
    public record Transfer(Path pretrainedModelPath, List<String> freezeParts, List<Phase> phases, Double finetuneLr,
                           double perceptualLossWeight, List<Integer> perceptualLayers, Path vgg19Weights,
                           boolean useEma, double emaDecay) {
        public Transfer {
            freezeParts = List.copyOf(freezeParts);
            phases = List.copyOf(phases);
            perceptualLayers = List.copyOf(perceptualLayers);
        }

        static Transfer read(ConfigSource s) {
            return new Transfer(PRETRAINED_MODEL_PATH.read(s), FREEZE_PARTS.read(s), PROGRESSIVE_FREEZING.read(s),
                    FINETUNE_LR.read(s), PERCEPTUAL_LOSS_WEIGHT.read(s), PERCEPTUAL_LAYERS.read(s),
                    VGG19_WEIGHTS.read(s), USE_EMA.read(s), EMA_DECAY.read(s));
        }
    }

    /**
     * When a run stops or saves on its own.
     *
     * @param maxSteps          cap on total optimizer steps (resumed steps included), or null
     * @param maxMinutes        wall-clock budget of one invocation, or null
     * @param checkpointMinutes minutes between two saves of the resumable state inside an epoch
     * @param maxNonFiniteSteps consecutive steps with a non-finite loss or gradient that stop the run
     */
    public record Limits(Long maxSteps, Double maxMinutes, double checkpointMinutes, int maxNonFiniteSteps) {
        static Limits read(ConfigSource s) {
            return new Limits(MAX_STEPS.read(s), MAX_MINUTES.read(s), CHECKPOINT_MINUTES.read(s),
                    MAX_NON_FINITE_STEPS.read(s));
        }
    }

    /**
     * A progressive-freezing phase: epochs {@code first..last} (1-based, inclusive) train with the parameters
     * whose names contain one of {@code freezeParts} frozen, at learning rate {@code lr} (null: the run's lr).
     */
    public record Phase(String name, int first, int last, List<String> freezeParts, Double lr) {
        public Phase {
            freezeParts = List.copyOf(freezeParts);
        }
    }

    /** Reads and validates a config file; relative paths resolve against its folder, then the working dir. */
    public static TrainingConfig load(Path file) {
        return load(file, file.toAbsolutePath().getParent());
    }

    /**
     * Reads and validates a config file, resolving relative paths against {@code baseDir} then the working dir.
     *
     * @throws ConfigException one line naming the file, key and value
     */
    public static TrainingConfig load(Path file, Path baseDir) {
        JsonNode node;
        try {
            node = Json.read(file);
        } catch (JsonFileException e) {
            throw new ConfigException(e.getMessage());
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": expected a JSON object");
        }
        return fromJson((ObjectNode) node, file, baseDir);
    }

    /** Validates a config object; {@code source} names it in messages. */
    public static TrainingConfig fromJson(ObjectNode node, Path source, Path baseDir) {
        ConfigSource s = new ConfigSource(node, String.valueOf(source), baseDir);
        s.requireKnownKeys(TrainingKeys.names());
        ModelConfig model = ModelConfig.fromJson(node, String.valueOf(source));
        String id = ID.read(s);
        Data data = Data.read(s);
        boolean multiGpu = MULTI_GPU.read(s);
        Optimisation optimisation = Optimisation.read(s);
        int saveFreq = SAVE_FREQ.read(s);
        return new TrainingConfig(source, node.deepCopy(), id, multiGpu, DEVICE.read(s), PRECISION.read(s),
                LOG_EVERY.read(s), saveFreq, data, optimisation, Transfer.read(s), Limits.read(s), model);
    }

    /** The device to train on: the config's, else cuda when available, else cpu. */
    public String resolvedDevice() {
        return device != null ? device : Torch.defaultDeviceName();
    }

    /** The precision to train in: the config's, else the device's default. */
    public Precision resolvedPrecision() {
        return precision != null ? precision : Precision.defaultFor(resolvedDevice());
    }

    /** The learning rate of the first epoch: {@code finetune_lr} when fine-tuning a pretrained model, else lr. */
    public double baseLearningRate() {
        return transfer.pretrainedModelPath() != null && transfer.finetuneLr() != null ? transfer.finetuneLr()
                : optimisation.lr();
    }

    /** Images per optimizer step (the global batch of a data-parallel run). */
    public int batchSize() {
        return optimisation.batchSize();
    }

    public int epochs() {
        return optimisation.epochs();
    }

    public TrainingConfig withEpochs(int n) {
        if (n < 1) {
            throw new ConfigException("--epochs must be >= 1, got " + n);
        }
        Optimisation o = optimisation;
        return withOptimisation(new Optimisation(o.batchSize(), o.lr(), n, o.lossType(), o.ssimLossWeight(), o.seed(),
                o.chromaLossWeight()));
    }

    public TrainingConfig withDevice(String d) {
        return new TrainingConfig(source, raw, id, multiGpu, d, precision, logEvery, saveFreq, data, optimisation,
                transfer, limits, model);
    }

    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(source, raw, id, multiGpu, device, p, logEvery, saveFreq, data, optimisation,
                transfer, limits, model);
    }

    /** Colour augmentation of the training pairs: null keeps the current probability. */
    public TrainingConfig withColourAugmentation(Double probability) {
        if (probability == null) {
            return this;
        }
        String problem = ColourAugmentation.probabilityProblem(probability);
        if (problem != null) {
            throw new ConfigException("--colour-augmentation " + problem);
        }
        Data d = new Data(data.pathToData(), data.pathToTestData(), data.cropSize(), data.poses(), probability);
        return new TrainingConfig(source, raw, id, multiGpu, device, precision, logEvery, saveFreq, d, optimisation,
                transfer, limits, model);
    }

    private TrainingConfig withOptimisation(Optimisation o) {
        return new TrainingConfig(source, raw, id, multiGpu, device, precision, logEvery, saveFreq, data, o,
                transfer, limits, model);
    }

    /** Budgets: null keeps the current value. */
    public TrainingConfig withBudget(Long steps, Double minutes) {
        if (steps != null && steps < 1) {
            throw new ConfigException("--max-steps must be >= 1, got " + steps);
        }
        if (minutes != null && !(minutes > 0)) {
            throw new ConfigException("--max-minutes must be > 0, got " + minutes);
        }
        return withLimits(new Limits(steps != null ? steps : limits.maxSteps(),
                minutes != null ? minutes : limits.maxMinutes(), limits.checkpointMinutes(), limits.maxNonFiniteSteps()));
    }

    /** Mid-epoch checkpoints and the non-finite stop: null keeps the current value. */
    public TrainingConfig withSafety(Double checkpointMinutes, Integer maxNonFiniteSteps) {
        if (checkpointMinutes != null && !(checkpointMinutes > 0)) {
            throw new ConfigException("--checkpoint-minutes must be > 0, got " + checkpointMinutes);
        }
        if (maxNonFiniteSteps != null && maxNonFiniteSteps < 1) {
            throw new ConfigException("--max-non-finite-steps must be >= 1, got " + maxNonFiniteSteps);
        }
        return withLimits(new Limits(limits.maxSteps(), limits.maxMinutes(),
                checkpointMinutes != null ? checkpointMinutes : limits.checkpointMinutes(),
                maxNonFiniteSteps != null ? maxNonFiniteSteps : limits.maxNonFiniteSteps()));
    }

    private TrainingConfig withLimits(Limits l) {
        return new TrainingConfig(source, raw, id, multiGpu, device, precision, logEvery, saveFreq, data, optimisation,
                transfer, l, model);
    }
}
