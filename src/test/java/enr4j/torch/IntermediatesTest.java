package enr4j.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IntermediatesTest {
    @Test
    void chainFreesTheIntermediateHandleButNotWhatAutogradSaved() {
        try (StepScope s = StepScope.open()) {
            Tensor w = torch.ones(3).mul(new Scalar(2.0)).requires_grad_(true);
            Tensor a = Tensors.fromFloats(new float[] {1, 2, 3}, 3);
            Tensor[] x = new Tensor[1];
            Tensor y = Intermediates.chain(a, v -> x[0] = v.mul(w), v -> v.mul(v)); // x is saved by the second mul
            assertTrue(x[0].isNull(), "the handle is freed at once");
            assertFalse(a.isNull(), "the input is left alone");
            y.sum().backward();
            // d/dw sum((a w)^2) = 2 a^2 w, a = 1, 2, 3: the saved x was still there for the backward pass
            assertEquals(0.0, Tensors.maxAbsDiff(w.grad(), Tensors.fromFloats(new float[] {4, 16, 36}, 3)));
        }
    }

    @Test
    void chainKeepsAnInPlaceResultAlive() {
        try (StepScope s = StepScope.open()) {
            Tensor[] x = new Tensor[1];
            Tensor y = Intermediates.chain(Tensors.fromFloats(new float[] {-1, 2}, 2),
                    v -> x[0] = v.mul(new Scalar(1.0)),
                    v -> torch.leaky_relu_(v, new Scalar(0.5))); // a reference to x's own native object
            assertFalse(x[0].isNull(), "same native object as its successor: not freed");
            assertEquals(0.0, Tensors.maxAbsDiff(y, Tensors.fromFloats(new float[] {-0.5f, 2}, 2)));
        }
    }

    @Test
    void noStepsReturnsTheInput() {
        try (StepScope s = StepScope.open()) {
            Tensor a = torch.ones(2);
            assertSame(a, Intermediates.chain(a));
        }
    }
}
