package enr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import enr4j.torch.io.SafeTensorsFile;
import enr4j.torch.io.TorchCheckpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Saving and loading models. Formats, chosen by the path:
 * <ul>
 *   <li>{@code *.pt}: the reference's checkpoint, {@code {"config": ..., "state_dict": OrderedDict}} in
 *       PyTorch's zip format (Python {@code torch.load} and the reference's {@code load_model} accept it), plus
 *       a {@code "metadata"} dict of strings; reading also takes PyTorch's legacy format. Never executes code
 *       from the file.</li>
 *   <li>{@code *.zip}: a zip holding {@code config.json}, {@code model.safetensors} and {@code README.md}.</li>
 *   <li>anything else: a directory holding the same three files.</li>
 * </ul>
 * {@code README.md} is the model card ({@code ModelCard}); the safetensors {@code __metadata__} is described in
 * {@link ModelMetadata}. Loading checks every key and shape and names the first mismatch. Writes are atomic
 * ({@code ModelWriter}).
 */
public final class ModelFiles {
    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String CARD_FILE = "README.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {}

    /** Saves {@code model} in the format its path names, with nothing known beyond the architecture. */
    public static void save(NeuralRenderer model, Path path) {
        save(model, path, ModelFacts.NONE);
    }

    /** Saves {@code model} in the format its path names, recording {@code facts} in its metadata and card. */
    public static void save(NeuralRenderer model, Path path, ModelFacts facts) {
        ModelWriter.write(model, path, facts);
    }

    /** Loads a model saved in any supported format, on the CPU. */
    public static NeuralRenderer load(Path path) {
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory");
        }
        String name = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            Path config = path.resolve(CONFIG_FILE);
            Path weights = path.resolve(WEIGHTS_FILE);
            if (!Files.isRegularFile(config) || !Files.isRegularFile(weights)) {
                throw new ModelFileException(path + ": a model directory needs " + CONFIG_FILE + " and " + WEIGHTS_FILE);
            }
            NeuralRenderer model = new NeuralRenderer(ModelConfig.fromJson(readJson(config), config.toString()));
            loadWeights(model, SafeTensors.read(weights).tensors(), weights.toString());
            return model;
        }
        if (name.endsWith(".zip")) {
            return loadZip(path);
        }
        return loadCheckpoint(path);
    }

    /**
     * Copies named tensors into the model's parameters and buffers (on whatever device they are).
     *
     * @throws ModelFileException naming the first missing, unexpected or mis-shaped tensor
     */
    public static void loadWeights(NeuralRenderer model, Map<String, RawTensor> tensors, String source) {
        Map<String, Tensor> targets = model.stateDict();
        for (String key : tensors.keySet()) {
            if (!targets.containsKey(key)) {
                throw new ModelFileException(source + ": unexpected tensor '" + key + "' (not part of this architecture)");
            }
        }
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            RawTensor raw = tensors.get(e.getKey());
            if (raw == null) {
                throw new ModelFileException(source + ": missing tensor '" + e.getKey() + "'");
            }
            long[] expected = e.getValue().shape();
            if (!Arrays.equals(expected, raw.shape())) {
                throw new ModelFileException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(raw.shape()) + ", the model expects " + Arrays.toString(expected));
            }
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard guard = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : targets.entrySet()) {
                e.getValue().copy_(tensors.get(e.getKey()).toTorch());
            }
        }
        NonFiniteWeights.warnIfAny(model, source);
    }

    /** The model's parameters and buffers as CPU copies, in state_dict order. */
    public static Map<String, RawTensor> weights(NeuralRenderer model) {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        try (PointerScope scope = new PointerScope()) {
            model.stateDict().forEach((k, v) -> out.put(k, RawTensor.fromTorch(v)));
        }
        return out;
    }

    private static NeuralRenderer loadCheckpoint(Path path) {
        Object tree = TorchCheckpoints.read(path);
        if (!(tree instanceof Map<?, ?> map) || !(map.get("config") instanceof Map<?, ?> config)
                || !(map.get("state_dict") instanceof Map<?, ?> stateDict)) {
            throw new ModelFileException(path + ": not a model checkpoint (expected {\"config\": ..., \"state_dict\": ...})");
        }
        NeuralRenderer model = new NeuralRenderer(ModelConfig.fromJson(JSON.valueToTree(config), path.toString()));
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getValue() instanceof RawTensor t)) {
                throw new ModelFileException(path + ": state_dict entry '" + e.getKey() + "' is not a tensor");
            }
            tensors.put(String.valueOf(e.getKey()), t);
        }
        loadWeights(model, tensors, path.toString());
        return model;
    }

    private static NeuralRenderer loadZip(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry config = zip.getEntry(CONFIG_FILE);
            ZipEntry weights = zip.getEntry(WEIGHTS_FILE);
            if (config == null || weights == null) {
                throw new ModelFileException(path + ": a model zip needs " + CONFIG_FILE + " and " + WEIGHTS_FILE);
            }
            JsonNode node;
            try (InputStream in = zip.getInputStream(config)) {
                node = JSON.readTree(in);
            }
            NeuralRenderer model = new NeuralRenderer(ModelConfig.fromJson(node, path + "!/" + CONFIG_FILE));
            Path tmp = Files.createTempFile("enr-weights", ".safetensors");
            try {
                try (InputStream in = zip.getInputStream(weights)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                SafeTensorsFile file = SafeTensors.read(tmp);
                loadWeights(model, file.tensors(), path + "!/" + WEIGHTS_FILE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return model;
        } catch (IOException e) {
            throw new ModelFileException(path + ": not a readable zip (" + e.getMessage() + ")");
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
