package enr4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SsimScoresTest {
    private static final double C1 = 0.01 * 0.01;

    @Test
    void identicalImagesScoreOne() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.rand(2, 3, 16, 16);
            double[] ssim = SsimScores.perImage(x, x.clone());
            assertEquals(1.0, ssim[0], 1e-5);
            assertEquals(1.0, ssim[1], 1e-5);
        }
    }

    @Test
    void constantImagesMatchTheLuminanceTermByHand() {
        // constant images have no variance or covariance, so the contrast-structure term is C2 / C2 = 1;
        // libtorch computes variances as E[x^2] - mu^2 in float32, whose rounding is ~1e-4 relative to C2
        double a = 0.25;
        double b = 0.5;
        double expected = (2 * a * b + C1) / (a * a + b * b + C1);
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.full(new long[] {1, 3, 16, 16}, new Scalar(a));
            Tensor y = torch.full(new long[] {1, 3, 16, 16}, new Scalar(b));
            assertEquals(expected, SsimScores.perImage(x, y)[0], 5e-4);
            assertTrue(expected < 0.85, "a clearly different pair scores well below 1: " + expected);
        }
    }
}
