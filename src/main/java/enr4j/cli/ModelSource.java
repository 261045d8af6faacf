package enr4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import enr4j.io.Json;
import enr4j.model.ConfigException;
import enr4j.model.ModelConfig;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens whatever the user named: a config file (fresh weights) or a saved model. */
record ModelSource(NeuralRenderer model, boolean trained) {
    /** The architecture alone, from a config file or a saved model, allocating no weights. */
    static ModelConfig config(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        if (path.toString().endsWith(".json")) {
            return ModelConfig.fromJson(Json.read(path), path.toString());
        }
        return ModelFiles.readConfig(path);
    }

    static ModelSource open(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        if (path.toString().endsWith(".json")) {
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(path.toFile());
            } catch (IOException e) {
                throw new ConfigException(path + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            return new ModelSource(new NeuralRenderer(ModelConfig.fromJson(node, path.toString())), false);
        }
        return new ModelSource(ModelFiles.load(path), true);
    }
}
