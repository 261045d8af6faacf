package enr4j.torch;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;

/**
 * The native memory of one unit of work: every libtorch handle made while a step scope is open (tensors, scalars,
 * options) is freed when it closes, so a loop of steps runs in flat memory. No garbage collection is needed or
 * expected: a GPU running out of memory never triggers one.
 *
 * <p>The memory rule:
 * <ol>
 *   <li>Every loop iteration (training step, forward pass, evaluation batch) runs in a {@code StepScope}.</li>
 *   <li>A tensor that must outlive its step (optimizer state, averaged weights, a cached scene) is taken by a
 *       {@link TensorOwner} and freed when the owner closes or replaces it.</li>
 *   <li>Layers free nothing: the composing classes pass activations through {@link Intermediates#chain}.</li>
 * </ol>
 *
 * <pre>{@code
 * try (StepScope step = StepScope.open()) {
 *     float loss = trainingStep.run(images, poses).total().item_float();   // read values before the scope closes
 * }
 * }</pre>
 */
public final class StepScope implements AutoCloseable {
    private final PointerScope caller;
    private final PointerScope scope;
    private final NoGradGuard noGrad;

    private StepScope(boolean gradients) {
        this.caller = PointerScope.getInnerScope();
        this.scope = new PointerScope();
        this.noGrad = gradients ? null : new NoGradGuard();
    }

    /** Opens a scope that leaves autograd as it is (a training step records the graph for its backward pass). */
    public static StepScope open() {
        return new StepScope(true);
    }

    /** Opens a scope with autograd off on this thread until it closes (inference, evaluation, weight updates). */
    public static StepScope noGrad() {
        return new StepScope(false);
    }

    /**
     * Keeps a handle made in this scope alive after it closes: it joins the scope that was open around this one,
     * or, when there is none, lives until the garbage collector collects it.
     *
     * @return {@code p}
     */
    public <P extends Pointer> P handOut(P p) {
        if (caller != null) {
            caller.attach(p);
        } else {
            p.retainReference();
        }
        return p;
    }

    @Override
    public void close() {
        if (noGrad != null) {
            noGrad.close();
        }
        scope.close();
    }
}
