package enr4j.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TensorOwnerTest {
    @Test
    void aTakenTensorOutlivesItsStepUntilReleased() {
        try (TensorOwner owner = new TensorOwner()) {
            Tensor kept;
            Tensor temporary;
            try (StepScope step = StepScope.open()) {
                kept = owner.take(torch.ones(3));
                temporary = torch.ones(3);
            }
            assertTrue(temporary.isNull(), "the step freed what nobody took");
            assertFalse(kept.isNull());
            assertEquals(3.0, kept.sum().item_double());
            owner.release(kept);
            assertTrue(kept.isNull(), "released: freed at once");
            assertThrows(IllegalArgumentException.class, () -> owner.release(kept));
        }
    }

    @Test
    void replaceFreesTheOldTensorAndCloseFreesTheRest() {
        Tensor first;
        Tensor second;
        try (TensorOwner owner = new TensorOwner()) {
            try (StepScope step = StepScope.open()) {
                first = owner.take(torch.zeros(2));
                second = owner.replace(first, torch.ones(2));
            }
            assertTrue(first.isNull());
            assertFalse(second.isNull());
            assertNull(owner.replace(second, null));
            assertTrue(second.isNull());
            try (StepScope step = StepScope.open()) {
                second = owner.take(torch.ones(2));
            }
        }
        assertTrue(second.isNull(), "closing the owner frees what it still held");
    }

    @Test
    void handOutMovesATensorToTheEnclosingScope() {
        Tensor handed;
        try (StepScope outer = StepScope.open()) {
            try (StepScope inner = StepScope.open()) {
                handed = inner.handOut(torch.ones(4));
            }
            assertFalse(handed.isNull(), "alive in the enclosing scope");
            assertEquals(4.0, handed.sum().item_double());
        }
        assertTrue(handed.isNull(), "freed with the enclosing scope");
    }

    @Test
    void noGradScopeTurnsAutogradOffUntilItCloses() {
        try (StepScope step = StepScope.noGrad()) {
            assertFalse(org.bytedeco.pytorch.GradMode.is_enabled());
        }
        assertTrue(org.bytedeco.pytorch.GradMode.is_enabled());
    }
}
