package enr4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny generated datasets and configs for training tests. */
final class TrainFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private TrainFixtures() {}

    /** 16 px chairs: {@code train/} and {@code val/} with {@code views} views per scene. */
    static Path dataset(Path dir, int trainScenes, int valScenes, int views) {
        DatasetGenerator.generate(GeneratorOptions.builder(Category.CHAIRS).size(16).supersampling(1).views(views)
                .scenes(trainScenes, valScenes, 0).seed(5).threads(2).build(), dir);
        return dir;
    }

    /** The largest absolute difference between same-named tensors of two maps (a's names). */
    static double maxDiff(java.util.Map<String, enr4j.torch.io.RawTensor> a,
                          java.util.Map<String, enr4j.torch.io.RawTensor> b) {
        double d = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            if (x.length != y.length) {
                throw new AssertionError(k + ": " + x.length + " against " + y.length + " elements");
            }
            for (int i = 0; i < x.length; i++) {
                d = Math.max(d, Math.abs(x[i] - y[i]));
            }
        }
        return d;
    }

    /** A very small 16 px model: scene 8 x 8 x 8 x 8. */
    static ModelConfig model() {
        return enr4j.testing.TinyModels.tiny();
    }

    /** A config object with data paths relative to the dataset's parent. */
    static ObjectNode config(String dataFolder) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "tiny");
        o.put("path_to_data", dataFolder + "/train");
        o.put("path_to_test_data", dataFolder + "/val");
        o.put("multi_gpu", false);
        o.put("batch_size", 8);
        o.put("lr", 2e-3);
        o.put("epochs", 2);
        o.put("loss_type", "l1");
        o.put("ssim_loss_weight", 0.05);
        o.put("save_freq", 1);
        o.setAll(model().toJson());
        o.put("device", "cpu");
        o.put("crop_size", 16);
        o.put("log_every", 4);
        return o;
    }

    /**
     * The standard config over {@code folder/data}, changed by {@code edit}, written to a fresh file in
     * {@code folder} and loaded.
     */
    static TrainingConfig load(Path folder, java.util.function.UnaryOperator<ObjectNode> edit) {
        return TrainingConfig.load(write(folder.resolve("cfg-" + System.nanoTime() + ".json"),
                edit.apply(config("data"))));
    }

    static Path write(Path file, ObjectNode config) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
