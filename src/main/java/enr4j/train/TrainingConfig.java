package enr4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.data.PoseReading;
import enr4j.model.ConfigException;
import enr4j.model.ModelConfig;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A training run's configuration: the reference's config file, read unchanged, plus optional keys of ours.
 *
 * <p>Reference keys: {@code id, path_to_data, path_to_test_data, multi_gpu, batch_size, lr, epochs, loss_type,
 * ssim_loss_weight, save_freq} and the model keys of {@link ModelConfig}. Ours (all optional): {@code seed} (0),
 * {@code device} (cuda when available), {@code precision} (bf16 on cuda, fp32 on cpu), {@code crop_size} (128),
 * {@code max_steps}, {@code max_minutes}, {@code log_every} (10), {@code angles_in_radians} (false: render_params
 * hold degrees), {@code ignore_translations} (false; true trains the rotation-only baseline on moving-camera data). Reserved for transfer learning (validated;
 * see {@link #load}): {@code pretrained_model_path, freeze_parts, progressive_freezing, finetune_lr,
 * perceptual_loss_weight, perceptual_layers, vgg19_weights, use_ema, ema_decay}.
 *
 * <p>Relative data paths resolve against the config file's folder first; when nothing exists there, against
 * the working directory. A path that exists in neither is an error.
 *
 * @param source        the file read (for messages), or null
 * @param raw           the file's JSON object, unchanged (copied into the run folder)
 * @param pathToTestData validation data, or null
 * @param multiGpu      true: `enr train` starts one data-parallel process per local GPU (see docs/DISTRIBUTED.md)
 * @param maxSteps      cap on total optimizer steps (resumed steps included), or null
 * @param maxMinutes    wall-clock budget of one invocation, or null
 * @param phases        progressive freezing phases (empty when not configured)
 */
public record TrainingConfig(Path source, ObjectNode raw, String id, Path pathToData, Path pathToTestData,
                             boolean multiGpu, int batchSize, double lr, int epochs, RenderingLoss.Kind lossType,
                             double ssimLossWeight, int saveFreq, ModelConfig model, long seed, String device,
                             Precision precision, int cropSize, PoseReading poses, Long maxSteps, Double maxMinutes, int logEvery,
                             Path pretrainedModelPath, List<String> freezeParts, List<Phase> phases,
                             Double finetuneLr, double perceptualLossWeight, List<Integer> perceptualLayers,
                             Path vgg19Weights, boolean useEma, double emaDecay) {

    /** The reference's own keys (besides the model keys). */
    public static final Set<String> REFERENCE_KEYS = Set.of("id", "path_to_data", "path_to_test_data", "multi_gpu",
            "batch_size", "lr", "epochs", "loss_type", "ssim_loss_weight", "save_freq");
    /** Our optional keys. */
    public static final Set<String> EXTRA_KEYS = Set.of("seed", "device", "precision", "crop_size", "max_steps",
            "max_minutes", "log_every", "angles_in_radians", "ignore_translations");
    /** Transfer-learning keys (extension 003). */
    public static final Set<String> TRANSFER_KEYS = Set.of("pretrained_model_path", "freeze_parts",
            "progressive_freezing", "finetune_lr", "perceptual_loss_weight", "perceptual_layers", "vgg19_weights",
            "use_ema", "ema_decay");

    /**
     * A progressive-freezing phase: epochs {@code first..last} (1-based, inclusive) train with the parameters
     * whose names contain one of {@code freezeParts} frozen, at learning rate {@code lr} (null: the run's lr).
     */
    public record Phase(String name, int first, int last, List<String> freezeParts, Double lr) {
        public Phase {
            freezeParts = List.copyOf(freezeParts);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingConfig {
        freezeParts = List.copyOf(freezeParts);
        phases = List.copyOf(phases);
        perceptualLayers = List.copyOf(perceptualLayers);
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
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(file + ": cannot read config (" + msg + ")");
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(file + ": expected a JSON object");
        }
        return fromJson((ObjectNode) node, file, baseDir);
    }

    /** Validates a config object; {@code source} names it in messages. */
    public static TrainingConfig fromJson(ObjectNode node, Path source, Path baseDir) {
        Reader r = new Reader(node, String.valueOf(source), baseDir);
        r.checkKeys();
        ModelConfig model = ModelConfig.fromJson(node, String.valueOf(source));
        String id = r.string("id", null);
        if (id == null || id.isBlank()) {
            throw r.error("id", "a non-empty name is required");
        }
        if (id.contains("/") || id.contains("\\")) {
            throw r.error("id", "must not contain path separators, got \"" + id + "\"");
        }
        Path data = r.existingPath("path_to_data", true);
        Path test = r.existingPath("path_to_test_data", false);
        boolean multiGpu = r.bool("multi_gpu", false);
        int batch = r.integer("batch_size", null);
        if (batch <= 0 || batch % 2 != 0) {
            throw r.error("batch_size", "must be even and positive (pairs of views), got " + batch);
        }
        double lr = r.number("lr", null);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw r.error("lr", "must be > 0, got " + lr);
        }
        int epochs = r.integer("epochs", null);
        if (epochs < 1) {
            throw r.error("epochs", "must be >= 1, got " + epochs);
        }
        String lossName = r.string("loss_type", "l1");
        RenderingLoss.Kind kind;
        if (lossName.equals("l1")) {
            kind = RenderingLoss.Kind.L1;
        } else if (lossName.equals("l2")) {
            kind = RenderingLoss.Kind.L2;
        } else {
            throw r.error("loss_type", "must be \"l1\" or \"l2\", got \"" + lossName + "\"");
        }
        double ssim = r.nonNegative("ssim_loss_weight", 0.05);
        int saveFreq = r.integer("save_freq", 1);
        if (saveFreq < 1) {
            throw r.error("save_freq", "must be >= 1, got " + saveFreq);
        }
        long seed = r.node("seed") == null ? 0 : r.longValue("seed");
        String device = r.string("device", null);
        if (device != null && !(device.equals("cpu") || device.equals("cuda") || device.matches("cuda:\\d+"))) {
            throw r.error("device", "must be \"cpu\", \"cuda\" or \"cuda:N\", got \"" + device + "\"");
        }
        String precisionName = r.string("precision", null);
        Precision precision = null;
        if (precisionName != null) {
            try {
                precision = Precision.parse(precisionName);
            } catch (IllegalArgumentException e) {
                throw r.error("precision", "must be fp32, tf32 or bf16, got \"" + precisionName + "\"");
            }
        }
        int crop = r.integer("crop_size", 128);
        if (crop < 1) {
            throw r.error("crop_size", "must be positive, got " + crop);
        }
        Long maxSteps = r.node("max_steps") == null ? null : r.longValue("max_steps");
        if (maxSteps != null && maxSteps < 1) {
            throw r.error("max_steps", "must be >= 1, got " + maxSteps);
        }
        Double maxMinutes = r.node("max_minutes") == null ? null : r.number("max_minutes", null);
        if (maxMinutes != null && !(maxMinutes > 0)) {
            throw r.error("max_minutes", "must be > 0, got " + maxMinutes);
        }
        PoseReading poses = new PoseReading(r.bool("angles_in_radians", false), r.bool("ignore_translations", false));
        int logEvery = r.integer("log_every", 10);
        if (logEvery < 1) {
            throw r.error("log_every", "must be >= 1, got " + logEvery);
        }
        // transfer learning (extension 003)
        Path pretrained = r.existingPath("pretrained_model_path", false);
        List<String> freeze = r.strings("freeze_parts");
        List<Phase> phases = r.phases(epochs);
        Double finetuneLr = r.node("finetune_lr") == null ? null : r.number("finetune_lr", null);
        if (finetuneLr != null && !(finetuneLr > 0)) {
            throw r.error("finetune_lr", "must be > 0, got " + finetuneLr);
        }
        double perceptual = r.nonNegative("perceptual_loss_weight", 0);
        List<Integer> layers = r.node("perceptual_layers") == null ? List.of(2, 7, 12) : r.ints("perceptual_layers");
        Path vgg = r.existingPath("vgg19_weights", false);
        boolean ema = r.bool("use_ema", false);
        double emaDecay = r.node("ema_decay") == null ? 0.999 : r.number("ema_decay", null);
        if (!(emaDecay > 0 && emaDecay < 1)) {
            throw r.error("ema_decay", "must be in (0, 1), got " + emaDecay);
        }
        return new TrainingConfig(source, node.deepCopy(), id, data, test, multiGpu, batch, lr, epochs, kind, ssim,
                saveFreq, model, seed, device, precision, crop, poses, maxSteps, maxMinutes, logEvery, pretrained, freeze,
                phases, finetuneLr, perceptual, layers, vgg, ema, emaDecay);
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
        return pretrainedModelPath != null && finetuneLr != null ? finetuneLr : lr;
    }

    public TrainingConfig withEpochs(int n) {
        if (n < 1) {
            throw new ConfigException("--epochs must be >= 1, got " + n);
        }
        return new TrainingConfig(source, raw, id, pathToData, pathToTestData, multiGpu, batchSize, lr, n, lossType,
                ssimLossWeight, saveFreq, model, seed, device, precision, cropSize, poses, maxSteps, maxMinutes, logEvery,
                pretrainedModelPath, freezeParts, phases, finetuneLr, perceptualLossWeight, perceptualLayers,
                vgg19Weights, useEma, emaDecay);
    }

    public TrainingConfig withDevice(String d) {
        return new TrainingConfig(source, raw, id, pathToData, pathToTestData, multiGpu, batchSize, lr, epochs, lossType,
                ssimLossWeight, saveFreq, model, seed, d, precision, cropSize, poses, maxSteps, maxMinutes, logEvery,
                pretrainedModelPath, freezeParts, phases, finetuneLr, perceptualLossWeight, perceptualLayers,
                vgg19Weights, useEma, emaDecay);
    }

    public TrainingConfig withPrecision(Precision p) {
        return new TrainingConfig(source, raw, id, pathToData, pathToTestData, multiGpu, batchSize, lr, epochs, lossType,
                ssimLossWeight, saveFreq, model, seed, device, p, cropSize, poses, maxSteps, maxMinutes, logEvery,
                pretrainedModelPath, freezeParts, phases, finetuneLr, perceptualLossWeight, perceptualLayers,
                vgg19Weights, useEma, emaDecay);
    }

    /** Budgets: null keeps the current value. */
    public TrainingConfig withBudget(Long steps, Double minutes) {
        if (steps != null && steps < 1) {
            throw new ConfigException("--max-steps must be >= 1, got " + steps);
        }
        if (minutes != null && !(minutes > 0)) {
            throw new ConfigException("--max-minutes must be > 0, got " + minutes);
        }
        return new TrainingConfig(source, raw, id, pathToData, pathToTestData, multiGpu, batchSize, lr, epochs, lossType,
                ssimLossWeight, saveFreq, model, seed, device, precision, cropSize, poses,
                steps != null ? steps : maxSteps, minutes != null ? minutes : maxMinutes, logEvery,
                pretrainedModelPath, freezeParts, phases, finetuneLr, perceptualLossWeight, perceptualLayers,
                vgg19Weights, useEma, emaDecay);
    }

    /** Reads typed values with one-line errors naming the key, the value and the file. */
    private static final class Reader {
        private final ObjectNode node;
        private final String source;
        private final Path baseDir;

        Reader(ObjectNode node, String source, Path baseDir) {
            this.node = node;
            this.source = source;
            this.baseDir = baseDir;
        }

        ConfigException error(String key, String what) {
            return new ConfigException(source + ": \"" + key + "\" " + what);
        }

        JsonNode node(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        void checkKeys() {
            Set<String> known = new LinkedHashSet<>();
            known.addAll(REFERENCE_KEYS);
            known.addAll(ModelConfig.KEYS);
            known.addAll(EXTRA_KEYS);
            known.addAll(TRANSFER_KEYS);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!known.contains(key)) {
                    String hint = closest(key, known);
                    throw new ConfigException(source + ": unknown key \"" + key + "\""
                            + (hint == null ? "" : " (did you mean \"" + hint + "\"?)"));
                }
            }
        }

        String string(String key, String def) {
            JsonNode v = node(key);
            if (v == null) {
                return def;
            }
            if (!v.isTextual()) {
                throw error(key, "must be a string, got " + v);
            }
            return v.asText();
        }

        boolean bool(String key, boolean def) {
            JsonNode v = node(key);
            if (v == null) {
                return def;
            }
            if (!v.isBoolean()) {
                throw error(key, "must be true or false, got " + v);
            }
            return v.booleanValue();
        }

        int integer(String key, Integer def) {
            JsonNode v = node(key);
            if (v == null) {
                if (def == null) {
                    throw new ConfigException(source + ": missing key \"" + key + "\"");
                }
                return def;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(key, "must be an integer, got " + v);
            }
            return v.intValue();
        }

        long longValue(String key) {
            JsonNode v = node(key);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(key, "must be an integer, got " + v);
            }
            return v.longValue();
        }

        double number(String key, Double def) {
            JsonNode v = node(key);
            if (v == null) {
                if (def == null) {
                    throw new ConfigException(source + ": missing key \"" + key + "\"");
                }
                return def;
            }
            if (!v.isNumber()) {
                throw error(key, "must be a number, got " + v);
            }
            return v.doubleValue();
        }

        double nonNegative(String key, double def) {
            double v = number(key, def);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw error(key, "must be >= 0, got " + v);
            }
            return v;
        }

        List<String> strings(String key) {
            return strings(key, node(key));
        }

        List<String> strings(String key, JsonNode v) {
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(key, "must be a list of strings, got " + v);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual() || e.asText().isEmpty()) {
                    throw error(key, "must hold non-empty strings, got " + e);
                }
                out.add(e.asText());
            }
            return out;
        }

        List<Integer> ints(String key) {
            JsonNode v = node(key);
            if (!v.isArray() || v.isEmpty()) {
                throw error(key, "must be a non-empty list of integers, got " + v);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || e.intValue() < 0) {
                    throw error(key, "must hold non-negative integers, got " + e);
                }
                out.add(e.intValue());
            }
            return out;
        }

        Path existingPath(String key, boolean required) {
            String value = string(key, null);
            if (value == null || value.isBlank()) {
                if (required) {
                    throw new ConfigException(source + ": missing key \"" + key + "\" (a dataset folder)");
                }
                return null;
            }
            Path p = Path.of(value);
            if (p.isAbsolute()) {
                if (!Files.exists(p)) {
                    throw error(key, "not found: " + p);
                }
                return p;
            }
            Path fromConfig = baseDir == null ? null : baseDir.resolve(p).normalize();
            if (fromConfig != null && Files.exists(fromConfig)) {
                return fromConfig.toAbsolutePath();
            }
            Path fromCwd = p.toAbsolutePath().normalize();
            if (Files.exists(fromCwd)) {
                return fromCwd;
            }
            throw error(key, "not found: \"" + value + "\" (tried " + fromConfig + " and " + fromCwd + ")");
        }

        List<Phase> phases(int epochs) {
            JsonNode v = node("progressive_freezing");
            if (v == null) {
                return List.of();
            }
            String key = "progressive_freezing";
            if (!v.isObject()) {
                throw error(key, "must be an object of phases (phase_1, phase_2, ...), got " + v);
            }
            List<Phase> out = new ArrayList<>();
            for (var it = v.fields(); it.hasNext(); ) {
                var f = it.next();
                String name = f.getKey();
                String k = key + "." + name;
                JsonNode p = f.getValue();
                if (!p.isObject()) {
                    throw error(k, "must be an object with epochs, freeze_parts, lr, got " + p);
                }
                for (var pk = p.fieldNames(); pk.hasNext(); ) {
                    String sub = pk.next();
                    if (!Set.of("epochs", "freeze_parts", "lr").contains(sub)) {
                        throw error(k, "has unknown key \"" + sub + "\" (expected epochs, freeze_parts, lr)");
                    }
                }
                JsonNode ep = p.get("epochs");
                if (ep == null || !ep.isArray() || ep.size() != 2 || !ep.get(0).isIntegralNumber()
                        || !ep.get(1).isIntegralNumber()) {
                    throw error(k + ".epochs", "must be [first, last] (1-based, inclusive), got " + ep);
                }
                int first = ep.get(0).intValue();
                int last = ep.get(1).intValue();
                if (first < 1 || last < first) {
                    throw error(k + ".epochs", "must satisfy 1 <= first <= last, got " + ep);
                }
                for (Phase other : out) {
                    if (first <= other.last() && other.first() <= last) {
                        throw error(k + ".epochs", "overlaps " + other.name() + " " + ep);
                    }
                }
                Double plr = null;
                if (p.hasNonNull("lr")) {
                    if (!p.get("lr").isNumber() || !(p.get("lr").doubleValue() > 0)) {
                        throw error(k + ".lr", "must be > 0, got " + p.get("lr"));
                    }
                    plr = p.get("lr").doubleValue();
                }
                out.add(new Phase(name, first, last, strings(k + ".freeze_parts", p.get("freeze_parts")), plr));
            }
            List<Phase> sorted = new ArrayList<>(out);
            sorted.sort(java.util.Comparator.comparingInt(Phase::first));
            for (int i = 1; i < sorted.size(); i++) {
                Phase before = sorted.get(i - 1);
                Phase after = sorted.get(i);
                if (after.first() != before.last() + 1) {
                    throw error("progressive_freezing." + after.name() + ".epochs", "leaves a gap after "
                            + before.name() + " (which ends at epoch " + before.last() + "), starting at " + after.first());
                }
            }
            return out;
        }
    }

    /** The known key nearest to {@code key} by edit distance, or null when none is close. */
    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
