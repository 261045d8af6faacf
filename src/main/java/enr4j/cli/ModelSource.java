package enr4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import enr4j.io.Json;
import enr4j.model.ConfigException;
import enr4j.model.ModelConfig;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
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
            return new ModelSource(new NeuralRenderer(readConfig(path)), false);
        }
        return new ModelSource(ModelFiles.load(path), true);
    }

    /** A model config file, read strictly: a duplicate key or text after the object is an error naming the line. */
    static ModelConfig readConfig(Path file) {
        return ModelConfig.fromJson(Json.read(file), file.toString());
    }
}
