package enr4j.model;

import enr4j.torch.StepScope;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.RawTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private ModelFiles() {}

    /** Saves {@code model} in the format its path names, with nothing known beyond the architecture. */
    public static void save(NeuralRenderer model, Path path) {
        save(model, path, ModelFacts.NONE);
    }

    /** Saves {@code model} in the format its path names, recording {@code facts} in its metadata and card. */
    public static void save(NeuralRenderer model, Path path, ModelFacts facts) {
        ModelWriter.write(model, path, facts);
    }

    /**
     * Loads a model saved in any supported format, on the CPU, in bounded time and memory: every tensor is checked
     * against the architecture its config describes before it is read, and the model is built only then.
     */
    public static NeuralRenderer load(Path path) {
        return ModelFileReader.load(path);
    }

    /** The architecture of a saved model in any supported format, reading no weights. */
    public static ModelConfig readConfig(Path path) {
        return ModelFileReader.readConfig(path);
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
        try (StepScope scope = StepScope.noGrad()) {
            for (Map.Entry<String, Tensor> e : targets.entrySet()) {
                e.getValue().copy_(tensors.get(e.getKey()).toTorch());
            }
        }
        NonFiniteWeights.warnIfAny(model, source);
    }

    /** The model's parameters and buffers as CPU copies, in state_dict order. */
    public static Map<String, RawTensor> weights(NeuralRenderer model) {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        try (StepScope scope = StepScope.open()) {
            model.stateDict().forEach((k, v) -> out.put(k, RawTensor.fromTorch(v)));
        }
        return out;
    }
}
