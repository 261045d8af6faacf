package enr4j.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Owns tensors that outlive the {@link StepScope} they were made in (optimizer buffers, averaged weights, cached
 * scenes, a loss buffer): {@link #take} keeps a tensor alive past every scope, {@link #replace} and {@link #release}
 * free one, {@link #close} frees all that are left. See {@link StepScope} for the memory rule.
 */
public final class TensorOwner implements AutoCloseable {
    private final List<Tensor> held = new ArrayList<>();

    /**
     * Keeps a tensor for as long as the object that registered it lives (a module's parameters and buffers, fixed
     * weights): no owner frees it, the garbage collector does once its handle is unreachable.
     *
     * @return {@code t}
     */
    public static Tensor pin(Tensor t) {
        t.retainReference();
        return t;
    }

    /**
     * Takes {@code t} (any shape, any device) until this owner releases or replaces it or closes.
     *
     * @return {@code t}
     */
    public Tensor take(Tensor t) {
        t.retainReference();
        held.add(t);
        return t;
    }

    /**
     * Releases {@code old} (when this owner holds it) and takes {@code fresh} (when not null).
     *
     * @return {@code fresh}
     */
    public Tensor replace(Tensor old, Tensor fresh) {
        if (old != null) {
            release(old);
        }
        return fresh == null ? null : take(fresh);
    }

    /** Frees a tensor this owner took; its handle must not be used afterwards. */
    public void release(Tensor t) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i) == t) {
                held.remove(i).releaseReference();
                return;
            }
        }
        throw new IllegalArgumentException("this owner does not hold that tensor");
    }

    /** Frees every tensor still held. */
    @Override
    public void close() {
        for (Tensor t : held) {
            t.releaseReference();
        }
        held.clear();
    }
}
