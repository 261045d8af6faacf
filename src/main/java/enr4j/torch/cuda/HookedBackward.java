package enr4j.torch.cuda;

import enr4j.torch.StepScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bytedeco.pytorch.FunctionPostHook;
import org.bytedeco.pytorch.FunctionPreHook;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptionalList;
import org.bytedeco.pytorch.TensorOptionalVector;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A hand-written backward pass for a tensor computed without autograd (by a fused kernel), tied into autograd with
 * hooks, since the presets offer no custom autograd function.
 *
 * <p>Each input is wired by an in-place {@code index_put_(indices, values, accumulate=true)} on the output whose
 * index tensor is empty: it writes nothing, but makes the output's gradient node depend on {@code values}. A
 * pre-hook on the last of those nodes takes the output's gradient, computes every input's gradient at once, and
 * hands the nodes an undefined gradient instead, so they compute nothing (their own backward would fill a zero
 * tensor the size of each input); a post-hook per node then sets the gradient it passes to its {@code values}.
 */
public final class HookedBackward {
    /**
     * libtorch holds a hook's Java object only weakly (a collected one would crash the backward pass): every wiring,
     * with its hooks, stays here until its last hook has run. (A graph dropped without a backward pass leaves its
     * entry behind; training always runs the backward pass.)
     */
    private static final Set<HookedBackward> PENDING = ConcurrentHashMap.newKeySet();

    private final Function<Tensor, List<Tensor>> backward;
    private final Runnable release;
    /** The hooks' Java objects, held here because libtorch holds them only weakly. */
    private final List<Object> hooks = new ArrayList<>();
    private int hooksLeft;
    private List<Tensor> computed;

    private HookedBackward(Function<Tensor, List<Tensor>> backward, Runnable release) {
        this.backward = backward;
        this.release = release;
    }

    /**
     * Ties {@code target} to the inputs behind {@code values}.
     *
     * @param target   the output, contiguous and without a gradient node of its own (made under no-grad or
     *                 detached); on return it has one
     * @param values   per input that needs a gradient: the input, or a view of it, whose shape broadcasts against
     *                 {@code target}'s (same dimensions as target, or a trailing part of its shape), target's dtype
     * @param backward called once, with target's gradient (target's shape): the gradients, one per entry of
     *                 {@code values} and in its shape and dtype; runs without autograd, inside a {@link StepScope}
     *                 that keeps nothing it returns alive past the hooks (the hooks hold what they hand on)
     * @param release  called once, after the last gradient has been handed on: frees what the forward saved
     */
    public static void wire(Tensor target, List<Tensor> values, Function<Tensor, List<Tensor>> backward,
                            Runnable release) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to wire");
        }
        HookedBackward w = new HookedBackward(backward, release);
        PENDING.add(w);
        for (int i = 0; i < values.size(); i++) {
            Tensor v = values.get(i);
            long k = v.dim() == target.dim() ? v.size(0) : 1;
            target.index_put_(emptyIndex(target, k), v, true);
            PostHook h = new PostHook(w, i);
            w.hooks.add(h);
            w.hooksLeft++;
            target.grad_fn().add_post_hook(h);
            // the node owns and deletes the native peer from now on: the Java object gives up its deallocator
            h.deallocate(false);
        }
        PreHook pre = new PreHook(w);
        w.hooks.add(pre);
        target.grad_fn().add_pre_hook(pre);
        pre.deallocate(false);
    }

    /** Number of wirings whose backward pass has not run yet (for memory tests). */
    public static int pending() {
        return PENDING.size();
    }

    private synchronized void take(Tensor dy) {
        if (computed != null) {
            return;
        }
        List<Tensor> grads;
        try (org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
            grads = backward.apply(dy);
        }
        for (Tensor t : grads) {
            t.retainReference();
        }
        computed = grads;
    }

    private synchronized Tensor gradient(int i) {
        return computed.get(i);
    }

    private synchronized void hookDone() {
        if (--hooksLeft > 0) {
            return;
        }
        for (Tensor t : computed) {
            t.releaseReference();
        }
        computed = null;
        release.run();
        PENDING.remove(this);
    }

    /** An index for dimension 0 with shape 0 x k: target[index] has shape 0 x k x (target's other sizes), no elements. */
    private static TensorOptionalList emptyIndex(Tensor like, long k) {
        Tensor index = torch.empty(new long[] {0, k}, like.options().dtype(new ScalarTypeOptional(torch.ScalarType.Long)),
                new MemoryFormatOptional());
        return new TensorOptionalList(new TensorOptionalVector(new TensorOptional(index)));
    }

    /** Takes the output's gradient and passes an undefined one on, so the wiring nodes compute nothing. */
    private static final class PreHook extends FunctionPreHook {
        private final HookedBackward owner;

        PreHook(HookedBackward owner) {
            this.owner = owner;
        }

        @Override
        public TensorVector apply(TensorVector grads) {
            try (StepScope scope = StepScope.open()) {
                owner.take(grads.get(0));
            }
            grads.put(0, new Tensor());
            return grads;
        }
    }

    /** Sets the gradient an {@code index_put_} node passes to its {@code values} (input 1). */
    private static final class PostHook extends FunctionPostHook {
        private final HookedBackward owner;
        private final int index;

        PostHook(HookedBackward owner, int index) {
            this.owner = owner;
            this.index = index;
        }

        @Override
        public TensorVector apply(TensorVector gradInputs, TensorVector gradOutputs) {
            gradInputs.put(1, owner.gradient(index));
            owner.hookDone();
            return gradInputs;
        }
    }
}
