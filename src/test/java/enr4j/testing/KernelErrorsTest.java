package enr4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The kernel checks' error measures, on values worked out by hand. */
@Tag("fast")
class KernelErrorsTest {
    @Test
    void maxErrorIsRelativeToTheReferencesScaleAndAbsoluteBelowOne() {
        try (PointerScope scope = new PointerScope()) {
            Tensor ref = Tensor.create(new float[] {4f, -2f, 1f}, 3);
            Tensor y = Tensor.create(new float[] {4f, -1f, 1.5f}, 3);
            assertEquals(1.0 / 4.0, KernelErrors.maxError(y, ref), 1e-12);
            Tensor small = Tensor.create(new float[] {0.5f, 0.25f}, 2);
            Tensor off = Tensor.create(new float[] {0.5f, 0.5f}, 2);
            assertEquals(0.25, KernelErrors.maxError(off, small), 1e-12);
        }
    }

    @Test
    void relativeL2IsTheDifferencesNormOverTheReferences() {
        try (PointerScope scope = new PointerScope()) {
            Tensor ref = Tensor.create(new float[] {3f, 4f}, 2);
            Tensor g = Tensor.create(new float[] {3f, 5f}, 2);
            assertEquals(1.0 / 5.0, KernelErrors.relativeL2(g, ref), 1e-12);
        }
    }
}
