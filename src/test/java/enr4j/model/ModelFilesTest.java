package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.RawTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class ModelFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"model", "model.zip", "model.pt"})
    void roundTripsAreBitExact(String name) throws Exception {
        Torch.seed(11);
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        Path file = dir.resolve(name);
        ModelFiles.save(model, file);
        NeuralRenderer loaded = ModelFiles.load(file);
        assertEquals(model.config(), loaded.config());
        Map<String, RawTensor> a = ModelFiles.weights(model);
        Map<String, RawTensor> b = ModelFiles.weights(loaded);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
        }
        // saving again over the same path replaces the model atomically
        Torch.seed(12);
        ModelFiles.save(new NeuralRenderer(TinyModels.small()), file);
        NeuralRenderer replaced = ModelFiles.load(file);
        String key = "inv_transform_2d.forward_layers.0.weight";
        assertTrue(!java.util.Arrays.equals(a.get(key).data(), ModelFiles.weights(replaced).get(key).data()));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void mismatchedShapesNameTheTensor() {
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        Map<String, RawTensor> w = new LinkedHashMap<>(ModelFiles.weights(model));
        w.put("projection.forward_layers.0.bias", RawTensor.ofFloats(new long[] {2}, 1f, 2f));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.loadWeights(model, w, "x.pt"));
        assertEquals("x.pt: tensor 'projection.forward_layers.0.bias' has shape [2], the model expects [64]",
                e.getMessage());
        w.remove("projection.forward_layers.0.bias");
        e = assertThrows(ModelFileException.class, () -> ModelFiles.loadWeights(model, w, "x.pt"));
        assertEquals("x.pt: missing tensor 'projection.forward_layers.0.bias'", e.getMessage());
        w.putAll(ModelFiles.weights(model));
        w.put("extra.weight", RawTensor.ofFloats(new long[] {1}, 0f));
        e = assertThrows(ModelFileException.class, () -> ModelFiles.loadWeights(model, w, "x.pt"));
        assertTrue(e.getMessage().contains("unexpected tensor 'extra.weight'"));
    }

    @Test
    void architectureMismatchBetweenConfigAndWeightsIsReported() throws Exception {
        Path small = dir.resolve("small");
        ModelFiles.save(new NeuralRenderer(TinyModels.small()), small);
        Files.writeString(small.resolve(ModelFiles.CONFIG_FILE), TinyModels.tiny().toJson().toString());
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(small));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void corruptFilesGiveClearErrors() throws Exception {
        Path pt = dir.resolve("bad.pt");
        Files.write(pt, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(pt));
        assertTrue(e.getMessage().contains("bad.pt"), e.getMessage());
        Path zip = dir.resolve("bad.zip");
        Files.writeString(zip, "not a zip");
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(zip));
        assertTrue(e.getMessage().contains("bad.zip"), e.getMessage());
        Path folder = dir.resolve("empty");
        Files.createDirectories(folder);
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(folder));
        assertTrue(e.getMessage().contains("needs config.json"), e.getMessage());
        assertThrows(ModelFileException.class, () -> ModelFiles.load(dir.resolve("nope.pt")));
    }
}
