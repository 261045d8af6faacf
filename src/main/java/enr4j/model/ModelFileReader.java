package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.io.Json;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.ReadBudget;
import enr4j.torch.io.SafeTensors;
import enr4j.torch.io.TensorAdmission;
import enr4j.torch.io.TorchCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The reading side of {@link ModelFiles}, in bounded time and memory: the config is read first (at most
 * {@link #MAX_CONFIG_BYTES}), its {@link ModelPlan} gives every tensor's shape, every tensor a file declares is
 * checked against it before its bytes are read, and the model is built only once its weights are in hand. Zip
 * entries are read in place, never through temporary files. Messages name the file, and inside a zip the entry,
 * as {@code model.zip!/config.json}.
 */
final class ModelFileReader {
    static final long MAX_CONFIG_BYTES = 1 << 20;
    /** A model zip holds two entries; a few more are tolerated, thousands are refused unread. */
    static final int MAX_ZIP_ENTRIES = 64;
    private static final String STATE_DICT = "state_dict";

    private ModelFileReader() {}

    static NeuralRenderer load(Path path) {
        requireExists(path);
        if (Files.isDirectory(path)) {
            Path weights = directoryEntry(path, ModelFiles.WEIGHTS_FILE);
            ModelConfig config = readConfig(path);
            ModelPlan plan = ModelPlan.of(config);
            Map<String, RawTensor> tensors = SafeTensors.read(weights, admission(plan, weights.toString(), ""))
                    .tensors();
            return build(config, tensors, weights.toString());
        }
        if (path.getFileName().toString().endsWith(".zip")) {
            return loadZip(path);
        }
        return loadCheckpoint(path);
    }

    /** The architecture of a saved model, reading no weights. */
    static ModelConfig readConfig(Path path) {
        requireExists(path);
        if (Files.isDirectory(path)) {
            Path config = directoryEntry(path, ModelFiles.CONFIG_FILE);
            directoryEntry(path, ModelFiles.WEIGHTS_FILE);
            try {
                if (Files.size(config) > MAX_CONFIG_BYTES) {
                    throw new ModelFileException(config + ": larger than " + MAX_CONFIG_BYTES + " bytes, not a model config");
                }
            } catch (IOException e) {
                throw new ModelFileException(config + ": cannot read (" + e.getMessage() + ")");
            }
            return ModelConfig.fromJson(Json.read(config), config.toString());
        }
        if (path.getFileName().toString().endsWith(".zip")) {
            try (ZipFile zip = openModelZip(path)) {
                return zipConfig(zip, path);
            } catch (IOException e) {
                throw notAZip(path, e);
            }
        }
        return checkpointConfig(TorchCheckpoints.readDeclared(path), path);
    }

    private static NeuralRenderer loadZip(Path path) {
        try (ZipFile zip = openModelZip(path)) {
            ModelConfig config = zipConfig(zip, path);
            ModelPlan plan = ModelPlan.of(config);
            ZipEntry weights = zip.getEntry(ModelFiles.WEIGHTS_FILE);
            String source = path + "!/" + ModelFiles.WEIGHTS_FILE;
            if (weights.getSize() < 0) {
                throw new ModelFileException(source + ": the zip does not declare the entry's size");
            }
            Map<String, RawTensor> tensors;
            try (InputStream in = new ExactLengthInputStream(zip.getInputStream(weights), weights.getSize(), source)) {
                tensors = SafeTensors.read(in, weights.getSize(), new ReadBudget(path.toString(), Files.size(path)),
                        source, admission(plan, source, "")).tensors();
            }
            return build(config, tensors, source);
        } catch (IOException e) {
            throw notAZip(path, e);
        }
    }

    private static NeuralRenderer loadCheckpoint(Path path) {
        ModelConfig[] config = new ModelConfig[1];
        Object tree = TorchCheckpoints.read(path, declared -> {
            config[0] = checkpointConfig(declared, path);
            return admission(ModelPlan.of(config[0]), path.toString(), STATE_DICT + ".");
        });
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) ((Map<?, ?>) tree).get(STATE_DICT)).entrySet()) {
            if (!(e.getValue() instanceof RawTensor t)) {
                throw new ModelFileException(path + ": state_dict entry '" + e.getKey() + "' is not a tensor");
            }
            tensors.put(String.valueOf(e.getKey()), t);
        }
        return build(config[0], tensors, path.toString());
    }

    private static ModelConfig checkpointConfig(Object tree, Path path) {
        if (!(tree instanceof Map<?, ?> map) || !(map.get("config") instanceof Map<?, ?> config)
                || !(map.get(STATE_DICT) instanceof Map<?, ?>)) {
            throw new ModelFileException(path + ": not a model checkpoint (expected {\"config\": ..., \"state_dict\": ...})");
        }
        return ModelConfig.fromJson(PlainJson.of(config, path + " (config)"), path.toString());
    }

    /**
     * Admits only the tensors of the plan, each with its planned shape: what a file declares beyond that is
     * refused before it is read.
     *
     * @param prefix the path of the state dict inside the file's object tree ({@code state_dict.} in a checkpoint)
     */
    private static TensorAdmission admission(ModelPlan plan, String source, String prefix) {
        Map<String, long[]> expected = plan.weightShapes();
        return (name, dtype, shape) -> {
            if (!name.startsWith(prefix)) {
                throw new ModelFileException(source + ": tensor '" + name + "' outside the " + STATE_DICT);
            }
            String key = name.substring(prefix.length());
            long[] want = expected.get(key);
            if (want == null) {
                throw new ModelFileException(source + ": unexpected tensor '" + key + "' (not part of this architecture)");
            }
            if (!Arrays.equals(want, shape)) {
                throw new ModelFileException(source + ": tensor '" + key + "' has shape " + Arrays.toString(shape)
                        + ", the model expects " + Arrays.toString(want));
            }
        };
    }

    private static NeuralRenderer build(ModelConfig config, Map<String, RawTensor> tensors, String source) {
        NeuralRenderer model = new NeuralRenderer(config);
        ModelFiles.loadWeights(model, tensors, source);
        return model;
    }

    private static ZipFile openModelZip(Path path) throws IOException {
        ZipFile zip = new ZipFile(path.toFile());
        if (zip.size() > MAX_ZIP_ENTRIES) {
            int n = zip.size();
            zip.close();
            throw new ModelFileException(path + ": " + n + " entries, a model zip holds " + ModelFiles.CONFIG_FILE
                    + " and " + ModelFiles.WEIGHTS_FILE);
        }
        if (zip.getEntry(ModelFiles.CONFIG_FILE) == null || zip.getEntry(ModelFiles.WEIGHTS_FILE) == null) {
            zip.close();
            throw new ModelFileException(path + ": a model zip needs " + ModelFiles.CONFIG_FILE + " and "
                    + ModelFiles.WEIGHTS_FILE);
        }
        return zip;
    }

    private static ModelConfig zipConfig(ZipFile zip, Path path) throws IOException {
        ZipEntry entry = zip.getEntry(ModelFiles.CONFIG_FILE);
        String source = path + "!/" + ModelFiles.CONFIG_FILE;
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) MAX_CONFIG_BYTES + 1);
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new ModelFileException(source + ": larger than " + MAX_CONFIG_BYTES + " bytes, not a model config");
        }
        JsonNode node = Json.read(new String(bytes, StandardCharsets.UTF_8), source);
        return ModelConfig.fromJson(node, source);
    }

    private static void requireExists(Path path) {
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory");
        }
    }

    private static Path directoryEntry(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(dir + ": a model directory needs " + ModelFiles.CONFIG_FILE + " and "
                    + ModelFiles.WEIGHTS_FILE);
        }
        return file;
    }

    private static ModelFileException notAZip(Path path, IOException e) {
        return new ModelFileException(path + ": not a readable zip (" + e.getMessage() + ")");
    }
}
