package enr4j.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.FunctionPreHook;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MemoryTagsTest {
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void off() {
        MemoryTags.uninstall();
    }

    private void record() {
        Thread me = Thread.currentThread();
        MemoryTags.install(t -> {
            if (Thread.currentThread() == me) {
                seen.add(t);
            }
        });
    }

    @Test
    void offChangesNothing() {
        UnaryOperator<Tensor> step = t -> t;
        assertFalse(MemoryTags.on());
        assertSame(step, MemoryTags.named("x", step));
        try (MemoryTags.Scope s = MemoryTags.enter("x")) {
            MemoryTags.tag("loss");
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void nestedNamesTagThePathAndClosingGoesBack() {
        record();
        MemoryTags.tag("forward");
        try (MemoryTags.Scope a = MemoryTags.enter("transform_2d")) {
            try (MemoryTags.Scope b = MemoryTags.enter("3")) {
                MemoryTags.enter("0").close();
            }
        }
        MemoryTags.tag("loss");
        assertEquals(List.of("forward", "forward:transform_2d", "forward:transform_2d.3", "forward:transform_2d.3.0",
                "forward:transform_2d.3", "forward:transform_2d", "forward", "loss"), seen);
    }

    @Test
    void backwardHooksTagEachMarkedNodeInReverseOrder() {
        record();
        try (StepScope scope = StepScope.open()) {
            Tensor x = torch.ones(3).requires_grad_(true);
            MemoryTags.tag("forward");
            Tensor y = MemoryTags.named("a", t -> t.mul(t)).apply(x);
            Tensor z = MemoryTags.named("b", t -> t.exp()).apply(y);
            MemoryTags.tag("loss");
            Tensor loss = MemoryTags.markBackward(z.sum(), "backward:loss");
            assertEquals(3, MemoryTags.pending());
            seen.clear();
            loss.backward(); // on the CPU autograd runs its nodes on this thread
            assertEquals(List.of("backward:loss", "backward:b", "backward:a"), seen);
            assertEquals(0, MemoryTags.pending());
            // d/dx sum(exp(x^2)) = 2 x exp(x^2) at x = 1: the hooks passed the gradients on untouched
            assertEquals(2 * Math.E, x.grad().get(0).item_double(), 1e-5);
        }
    }

    @Test
    void theTagIsSetBeforeTheNodesOtherPreHooksRun() {
        record();
        try (StepScope scope = StepScope.open()) {
            Tensor y = torch.ones(3).requires_grad_(true).mul(new org.bytedeco.pytorch.Scalar(2.0));
            FunctionPreHook other = new FunctionPreHook() {
                @Override
                public TensorVector apply(TensorVector grads) {
                    seen.add("an earlier pre-hook");
                    return grads;
                }
            };
            y.grad_fn().add_pre_hook(other);
            other.deallocate(false);
            MemoryTags.markBackward(y, "backward:y");
            y.sum().backward();
            assertEquals(List.of("backward:y", "an earlier pre-hook"), seen);
            Reference.reachabilityFence(other); // libtorch holds the hook's Java object only weakly
        }
    }

    @Test
    void tensorsWithoutGradientsGetNoHook() {
        record();
        try (StepScope scope = StepScope.noGrad()) {
            MemoryTags.named("a", t -> t.mul(t)).apply(torch.ones(3).requires_grad_(true));
            assertEquals(0, MemoryTags.pending());
        }
    }
}
