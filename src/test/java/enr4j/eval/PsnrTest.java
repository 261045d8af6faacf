package enr4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import enr4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PsnrTest {

    @Test
    void identicalImagesScoreTheCapNotInfinity() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.rand(3, 3, 8, 8);
            double[] psnr = Psnr.perImage(x, x.clone());
            assertArrayEquals(new double[] {100, 100, 100}, psnr);
        }
        assertEquals(Psnr.MAX_DB, Psnr.fromMse(0.0));
        assertEquals(Psnr.MAX_DB, Psnr.fromMse(1e-12), "anything above the cap is clamped to it");
    }

    @Test
    void matchesAHandComputationOnA2x2Image() {
        // MSE = (0.1^2 + 0.2^2 + 0.3^2 + 0.4^2) / 4 = 0.075; PSNR = 10 log10(1 / 0.075) = 11.2494 dB
        try (PointerScope scope = new PointerScope()) {
            Tensor target = Tensors.fromFloats(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 1, 1, 2, 2);
            Tensor predicted = Tensors.fromFloats(new float[] {0.6f, 0.3f, 0.8f, 0.9f}, 1, 1, 2, 2);
            assertEquals(0.075, Psnr.mse(predicted, target)[0], 1e-6);
            assertEquals(11.2494, Psnr.perImage(predicted, target)[0], 1e-3);
        }
    }

    @Test
    void scoresEachImageOfABatchSeparately() {
        try (PointerScope scope = new PointerScope()) {
            Tensor target = torch.zeros(2, 3, 4, 4);
            Tensor predicted = torch.cat(new org.bytedeco.pytorch.TensorVector(
                    torch.full(new long[] {1, 3, 4, 4}, new org.bytedeco.pytorch.Scalar(0.1)),
                    torch.full(new long[] {1, 3, 4, 4}, new org.bytedeco.pytorch.Scalar(0.01))), 0);
            double[] psnr = Psnr.perImage(predicted, target);
            assertEquals(20.0, psnr[0], 1e-4, "MSE 0.01 is 20 dB");
            assertEquals(40.0, psnr[1], 1e-3, "MSE 0.0001 is 40 dB");
        }
    }

    @Test
    void rejectsNegativeMseAndMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> Psnr.fromMse(-1));
        assertThrows(IllegalArgumentException.class, () -> Psnr.fromMse(Double.NaN));
        try (PointerScope scope = new PointerScope()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Psnr.perImage(torch.zeros(1, 3, 4, 4), torch.zeros(1, 3, 4, 5)));
            assertEquals(true, e.getMessage().contains("[1, 3, 4, 5]"), e.getMessage());
        }
    }
}
