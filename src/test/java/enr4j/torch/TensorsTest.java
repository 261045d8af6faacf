package enr4j.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class TensorsTest {
    @Test
    void dropFreesTheHandleButNotWhatAutogradSaved() {
        try (PointerScope s = new PointerScope()) {
            Tensor w = torch.ones(3).mul(new Scalar(2.0)).requires_grad_(true);
            Tensor x = Tensors.fromFloats(new float[] {1, 2, 3}, 3).mul(w); // x is saved by the next mul
            Tensor y = x.mul(x);
            Tensors.drop(x, y);
            assertTrue(x.isNull(), "the handle is freed at once");
            y.sum().backward();
            // d/dw sum((a w)^2) = 2 a^2 w, a = 1, 2, 3: the saved x was still there for the backward pass
            assertEquals(0.0, Tensors.maxAbsDiff(w.grad(), Tensors.fromFloats(new float[] {4, 16, 36}, 3)));
        }
    }

    @Test
    void dropKeepsAnInPlaceResultAlive() {
        try (PointerScope s = new PointerScope()) {
            Tensor x = Tensors.fromFloats(new float[] {-1, 2}, 2).mul(new Scalar(1.0));
            Tensor y = torch.leaky_relu_(x, new Scalar(0.5)); // a reference to x's own native object
            Tensors.drop(x, y);
            assertFalse(x.isNull(), "same native object as its successor: not freed");
            assertEquals(0.0, Tensors.maxAbsDiff(y, Tensors.fromFloats(new float[] {-0.5f, 2}, 2)));
        }
    }
}
