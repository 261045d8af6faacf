package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class NonFiniteWeightsTest {
    @TempDir
    Path dir;

    private static String loadCapturingErrors(Path file) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            ModelFiles.load(file);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadingAModelWithNonFiniteWeightsWarnsInOneLine() {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        Path good = dir.resolve("good");
        ModelFiles.save(model, good);
        assertEquals("", loadCapturingErrors(good));

        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor w = model.namedParameters().values().iterator().next();
            w.view(-1).narrow(0, 0, 3).fill_(new org.bytedeco.pytorch.Scalar(Double.NaN));
        }
        assertEquals(3, NonFiniteWeights.count(model));
        Path bad = dir.resolve("bad.zip");
        ModelFiles.save(model, bad);
        String err = loadCapturingErrors(bad);
        assertEquals(1, err.lines().count(), err);
        assertEquals(true, err.startsWith("enr: warning: " + bad) && err.contains("3 weights are not finite"), err);
        java.lang.ref.Reference.reachabilityFence(model);
    }
}
