package enr4j.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import enr4j.io.AtomicDirectory;
import enr4j.io.AtomicFiles;
import enr4j.torch.io.AlignedZipWriter;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.OrderedDictMap;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import enr4j.torch.io.TorchCheckpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The write side of {@link ModelFiles}. Every format replaces its target atomically (a reader sees the old model
 * or the new one) and creates files and folders as any other program would, with the permissions the umask gives.
 * Zip entries are stored uncompressed and 64-byte aligned, so the weights can be read in place.
 */
final class ModelWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final NeuralRenderer model;
    private final Map<String, RawTensor> weights;
    private final Map<String, String> metadata;
    private final ModelFacts facts;

    private ModelWriter(NeuralRenderer model, ModelFacts facts) {
        this.model = model;
        this.weights = ModelFiles.weights(model);
        this.metadata = ModelMetadata.of(model.config(), facts);
        this.facts = facts;
    }

    static void write(NeuralRenderer model, Path path, ModelFacts facts) {
        ModelWriter writer = new ModelWriter(model, facts);
        try {
            switch (ModelFormat.forTarget(path)) {
                case CHECKPOINT -> writer.checkpoint(path);
                case ZIP -> AtomicFiles.write(path, out -> writer.zip(path, new AlignedZipWriter(out)));
                case FOLDER -> AtomicDirectory.replace(path, writer::folder);
            }
        } catch (UncheckedIOException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }

    private void checkpoint(Path path) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("config", JSON.convertValue(model.config().toJson(), Map.class));
        tree.put("state_dict", new OrderedDictMap(weights));
        tree.put(ModelMetadata.CHECKPOINT_KEY, metadata);
        TorchCheckpoints.write(path, tree);
    }

    private void zip(Path path, AlignedZipWriter zip) throws IOException {
        try (zip) {
            zip.add(ModelFiles.CONFIG_FILE, configJson());
            zip.add(ModelFiles.WEIGHTS_FILE, SafeTensors.writer(path + "!/" + ModelFiles.WEIGHTS_FILE, weights, metadata));
            zip.add(ModelFiles.CARD_FILE, card());
        }
    }

    private void folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(ModelFiles.CONFIG_FILE), configJson());
        SafeTensors.write(dir.resolve(ModelFiles.WEIGHTS_FILE), weights, metadata);
        AtomicFiles.write(dir.resolve(ModelFiles.CARD_FILE), card());
    }

    private byte[] configJson() throws IOException {
        return JSON.writeValueAsBytes(model.config().toJson());
    }

    private byte[] card() {
        return ModelCard.markdown(model, facts).getBytes(StandardCharsets.UTF_8);
    }
}
