package enr4j.torch;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Tensor;

/**
 * Frees activations as soon as the next step has consumed them. Inside a {@link StepScope} every handle pins its
 * tensor until the step ends, while Python frees an activation as soon as nothing refers to it; freeing the handles
 * of intermediates that autograd did not save (a residual branch's output, the unmasked scene) brings the peak memory
 * back to what autograd needs (0.9 GiB less per training step at the reference size). What autograd saved stays
 * alive through autograd. Composing classes (layer sequences, residual blocks, the renderer) chain their steps
 * through this; a layer that makes views or temporaries for its own use hands them to {@link #release}.
 */
public final class Intermediates {
    private Intermediates() {}

    /**
     * Applies {@code steps} in order; the handle of each intermediate result is freed once the next step has returned.
     * The input and the final result are left alone.
     *
     * @param input any tensor
     * @param steps what to compute, each from the previous result; a step may not keep its input's handle
     * @return the last step's result ({@code input} when there are no steps)
     */
    @SafeVarargs
    public static Tensor chain(Tensor input, UnaryOperator<Tensor>... steps) {
        return chain(input, List.of(steps));
    }

    /** {@link #chain(Tensor, UnaryOperator[])} over a list of steps. */
    public static Tensor chain(Tensor input, List<? extends UnaryOperator<Tensor>> steps) {
        Tensor x = input;
        for (UnaryOperator<Tensor> step : steps) {
            Tensor next = step.apply(x);
            if (x != input) {
                free(x, next);
            }
            x = next;
        }
        return x;
    }

    /**
     * Frees the handles of temporaries a step made for its own use (views of its result's inputs, reshaped copies,
     * constants), so that they do not pin their storage to the step's end; what autograd saved stays alive through
     * autograd. Never pass a step's input or result.
     */
    public static void release(Tensor... temporaries) {
        for (Tensor t : temporaries) {
            free(t, null);
        }
    }

    /**
     * Frees {@code t}'s handle unless {@code successor} is the same native tensor object (in-place ops hand back a
     * reference to their input).
     */
    private static void free(Tensor t, Tensor successor) {
        if (t != null && !t.isNull() && (successor == null || t.address() != successor.address())) {
            t.deallocate();
        }
    }
}
