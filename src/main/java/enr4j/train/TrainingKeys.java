package enr4j.train;

import static enr4j.model.ConfigKey.BOOLEAN;
import static enr4j.model.ConfigKey.INTEGER;
import static enr4j.model.ConfigKey.INTEGERS;
import static enr4j.model.ConfigKey.LONG;
import static enr4j.model.ConfigKey.NON_NEGATIVE;
import static enr4j.model.ConfigKey.NON_NEGATIVE_ELEMENTS;
import static enr4j.model.ConfigKey.NUMBER;
import static enr4j.model.ConfigKey.POSITIVE;
import static enr4j.model.ConfigKey.STRING;
import static enr4j.model.ConfigKey.STRINGS;
import static enr4j.model.ConfigKey.atLeast;
import static enr4j.model.ConfigKey.atLeastLong;
import static enr4j.model.ConfigKey.choice;
import static enr4j.model.ConfigKey.optional;
import static enr4j.model.ConfigKey.required;

import enr4j.data.ColourAugmentation;
import enr4j.model.ConfigKey;
import enr4j.model.ModelConfig;
import enr4j.torch.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every key of a training config besides the model's, once: name, type, default and check. A new key is one line
 * here plus its use in the record that holds it. The reference's keys come first, then ours (all optional).
 */
final class TrainingKeys {
    private TrainingKeys() {}

    /** A path that must exist: relative ones resolve against the config's folder, then the working directory. */
    static final ConfigKey.Type<Path> EXISTING_PATH = (v, k, s) -> {
        String value = STRING.read(v, k, s);
        if (value.isBlank()) {
            if (k.required()) {
                throw s.missing(k.name());
            }
            return null;
        }
        Path p = Path.of(value);
        if (p.isAbsolute()) {
            if (!Files.exists(p)) {
                throw s.error(k.name(), "not found: " + p);
            }
            return p;
        }
        Path fromConfig = s.baseDir() == null ? null : s.baseDir().resolve(p).normalize();
        if (fromConfig != null && Files.exists(fromConfig)) {
            return fromConfig.toAbsolutePath();
        }
        Path fromCwd = p.toAbsolutePath().normalize();
        if (Files.exists(fromCwd)) {
            return fromCwd;
        }
        throw s.error(k.name(), "not found: \"" + value + "\" (tried " + fromConfig + " and " + fromCwd + ")");
    };

    // the reference's keys
    static final ConfigKey<String> ID = optional("id", STRING, "", v -> v.isBlank() ? "a non-empty name is required"
            : v.contains("/") || v.contains("\\") ? "must not contain path separators, got \"" + v + "\"" : null);
    static final ConfigKey<Path> PATH_TO_DATA = required("path_to_data", EXISTING_PATH, null);
    static final ConfigKey<Path> PATH_TO_TEST_DATA = optional("path_to_test_data", EXISTING_PATH, null, null);
    static final ConfigKey<Boolean> MULTI_GPU = optional("multi_gpu", BOOLEAN, false, null);
    static final ConfigKey<Integer> BATCH_SIZE = required("batch_size", INTEGER,
            v -> v > 0 && v % 2 == 0 ? null : "must be even and positive (pairs of views), got " + v);
    static final ConfigKey<Double> LR = required("lr", NUMBER, POSITIVE);
    static final ConfigKey<Integer> EPOCHS = required("epochs", INTEGER, atLeast(1));
    static final ConfigKey<RenderingLoss.Kind> LOSS_TYPE = optional("loss_type",
            choice(TrainingKeys::lossKind, "\"l1\" or \"l2\""), RenderingLoss.Kind.L1, null);
    static final ConfigKey<Double> SSIM_LOSS_WEIGHT = optional("ssim_loss_weight", NUMBER, 0.05, NON_NEGATIVE);
    static final ConfigKey<Integer> SAVE_FREQ = optional("save_freq", INTEGER, 1, atLeast(1));
    // ours
    static final ConfigKey<Long> SEED = optional("seed", LONG, 0L, null);
    static final ConfigKey<String> DEVICE = optional("device", STRING, null, d -> d.equals("cpu") || d.equals("cuda")
            || d.matches("cuda:\\d+") ? null : "must be \"cpu\", \"cuda\" or \"cuda:N\", got \"" + d + "\"");
    static final ConfigKey<Precision> PRECISION = optional("precision",
            choice(TrainingKeys::precision, "fp32, tf32 or bf16"), null, null);
    static final ConfigKey<Integer> CROP_SIZE = optional("crop_size", INTEGER, 128,
            v -> v >= 1 ? null : "must be positive, got " + v);
    static final ConfigKey<Double> CHROMA_LOSS_WEIGHT = optional("chroma_loss_weight", NUMBER, 0.0, NON_NEGATIVE);
    static final ConfigKey<Double> COLOUR_AUGMENTATION = optional("colour_augmentation", NUMBER, 0.0,
            ColourAugmentation::probabilityProblem);
    static final ConfigKey<Long> MAX_STEPS = optional("max_steps", LONG, null, atLeastLong(1));
    static final ConfigKey<Double> MAX_MINUTES = optional("max_minutes", NUMBER, null, POSITIVE);
    static final ConfigKey<Double> CHECKPOINT_MINUTES = optional("checkpoint_minutes", NUMBER, 10.0, POSITIVE);
    static final ConfigKey<Integer> MAX_NON_FINITE_STEPS = optional("max_non_finite_steps", INTEGER, 1, atLeast(1));
    static final ConfigKey<Integer> LOG_EVERY = optional("log_every", INTEGER, 10, atLeast(1));
    static final ConfigKey<Boolean> ANGLES_IN_RADIANS = optional("angles_in_radians", BOOLEAN, false, null);
    static final ConfigKey<Boolean> IGNORE_TRANSLATIONS = optional("ignore_translations", BOOLEAN, false, null);
    // transfer learning (docs/TRANSFER.md)
    static final ConfigKey<Path> PRETRAINED_MODEL_PATH = optional("pretrained_model_path", EXISTING_PATH, null, null);
    static final ConfigKey<List<String>> FREEZE_PARTS = optional("freeze_parts", STRINGS, List.of(), null);
    static final ConfigKey<List<TrainingConfig.Phase>> PROGRESSIVE_FREEZING = optional("progressive_freezing",
            FreezingPhases.TYPE, List.of(), null);
    static final ConfigKey<Double> FINETUNE_LR = optional("finetune_lr", NUMBER, null, POSITIVE);
    static final ConfigKey<Double> PERCEPTUAL_LOSS_WEIGHT = optional("perceptual_loss_weight", NUMBER, 0.0,
            NON_NEGATIVE);
    static final ConfigKey<List<Integer>> PERCEPTUAL_LAYERS = optional("perceptual_layers", INTEGERS,
            List.of(2, 7, 12), NON_NEGATIVE_ELEMENTS);
    static final ConfigKey<Path> VGG19_WEIGHTS = optional("vgg19_weights", EXISTING_PATH, null, null);
    static final ConfigKey<Boolean> USE_EMA = optional("use_ema", BOOLEAN, false, null);
    static final ConfigKey<Double> EMA_DECAY = optional("ema_decay", NUMBER, 0.999,
            v -> v > 0 && v < 1 ? null : "must be in (0, 1), got " + v);

    static final List<ConfigKey<?>> ALL = List.of(ID, PATH_TO_DATA, PATH_TO_TEST_DATA, MULTI_GPU, BATCH_SIZE, LR,
            EPOCHS, LOSS_TYPE, SSIM_LOSS_WEIGHT, SAVE_FREQ, SEED, DEVICE, PRECISION, CROP_SIZE, CHROMA_LOSS_WEIGHT,
            COLOUR_AUGMENTATION,
            MAX_STEPS, MAX_MINUTES, CHECKPOINT_MINUTES, MAX_NON_FINITE_STEPS, LOG_EVERY, ANGLES_IN_RADIANS,
            IGNORE_TRANSLATIONS, PRETRAINED_MODEL_PATH, FREEZE_PARTS, PROGRESSIVE_FREEZING, FINETUNE_LR, PERCEPTUAL_LOSS_WEIGHT,
            PERCEPTUAL_LAYERS, VGG19_WEIGHTS, USE_EMA, EMA_DECAY);

    /** Every key a training config may hold: ours and the model's. */
    static List<String> names() {
        List<String> out = new ArrayList<>();
        ALL.forEach(k -> out.add(k.name()));
        out.addAll(ModelConfig.KEYS);
        return out;
    }

    private static RenderingLoss.Kind lossKind(String name) {
        return switch (name) {
            case "l1" -> RenderingLoss.Kind.L1;
            case "l2" -> RenderingLoss.Kind.L2;
            default -> null;
        };
    }

    private static Precision precision(String name) {
        try {
            return Precision.parse(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
