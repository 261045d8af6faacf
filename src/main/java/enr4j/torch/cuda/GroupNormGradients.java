package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import enr4j.torch.StepScope;
import enr4j.torch.cuda.GroupNormBackend.Forward;
import enr4j.torch.cuda.GroupNormBackend.Gradients;
import enr4j.torch.cuda.GroupNormBackend.Problem;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.FunctionPostHook;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * What one fused GroupNorm saved for its backward pass, and the post-hooks that hand its gradients to autograd.
 * The first hook to run computes every gradient; the last one frees what was saved.
 */
final class GroupNormGradients {
    /**
     * libtorch holds a hook's Java object only weakly (a collected one would crash the backward pass): every
     * instance, with its hooks, stays here until its last hook has run. (A graph dropped without a backward pass
     * leaves its entry behind; training always runs the backward pass.)
     */
    private static final Set<GroupNormGradients> PENDING = ConcurrentHashMap.newKeySet();

    private final GroupNormBackend backend;
    private final Problem problem;
    private final Tensor x;
    private final Forward forward;
    private final Tensor weight;
    private final Tensor bias;
    private final boolean inputGrad;
    private final boolean parameterGrads;
    private final torch.ScalarType type;
    /** The hooks' Java objects, held here because libtorch holds them only weakly. */
    private final java.util.List<Hook> hooks = new java.util.ArrayList<>(2);
    private int hooksLeft;
    private Gradients computed;

    /**
     * @param x      N x C x spatial, the handle is owned (freed) by this object
     * @param weight C float32
     * @param bias   C float32
     */
    GroupNormGradients(GroupNormBackend backend, Problem problem, Tensor x, Forward forward, Tensor weight,
                       Tensor bias, boolean inputGrad, boolean parameterGrads) {
        this.backend = backend;
        this.problem = problem;
        this.x = x;
        this.forward = forward;
        this.weight = weight;
        this.bias = bias;
        this.inputGrad = inputGrad;
        this.parameterGrads = parameterGrads;
        this.type = x.scalar_type();
        PENDING.add(this);
    }

    /** A hook for the node whose {@code values} input is x ({@code forInput}) or the stacked weight and bias. */
    FunctionPostHook hook(boolean forInput) {
        Hook h = new Hook(this, forInput);
        hooks.add(h);
        hooksLeft++;
        return h;
    }

    /** Number of fused GroupNorms whose backward pass has not run yet (for memory tests). */
    static int pending() {
        return PENDING.size();
    }

    /** @return the gradient for the hook's {@code values}: like x, or weight and bias as 2 x C x 1..., x's dtype */
    private synchronized Tensor gradient(Tensor dy, boolean forInput) {
        if (computed == null) {
            computed = compute(dy);
        }
        boolean last = problem.channelsLast();
        if (forInput) {
            return last ? computed.input().permute(ActivationLayout.channelsToLast(x.dim())) : computed.input();
        }
        return torch.stack(new TensorVector(computed.weight(), computed.bias())).to(type)
                .view(FusedGroupNorm.parameterShape(x.dim(), problem.channels(), last));
    }

    /** @param dy the output's gradient, N x C x spatial, or N x spatial x C for a channels-last problem */
    private Gradients compute(Tensor dy) {
        Tensor g = problem.channelsLast() ? dy.permute(ActivationLayout.channelsToFront(dy.dim())) : dy;
        g = g.scalar_type().value == type.value ? g : g.to(type);
        g = problem.channelsLast() ? g.contiguous(ActivationLayout.format(g.dim())) : g.contiguous();
        Gradients r;
        try (NoGradGuard off = new NoGradGuard()) {
            r = backend.backward(problem, g, x, forward, weight, bias, inputGrad, parameterGrads);
        }
        for (Tensor t : new Tensor[] {r.input(), r.weight(), r.bias()}) {
            if (t != null) {
                t.retainReference();
            }
        }
        return r;
    }

    private synchronized void hookDone() {
        if (--hooksLeft > 0) {
            return;
        }
        for (Tensor t : new Tensor[] {computed.input(), computed.weight(), computed.bias()}) {
            if (t != null) {
                t.releaseReference();
            }
        }
        for (Tensor t : new Tensor[] {x, forward.mean(), forward.rstd(), weight, bias}) {
            t.deallocate();
        }
        computed = null;
        PENDING.remove(this);
    }

    /** Replaces the gradient an {@code index_put_} node passes to its {@code values} (input 1). */
    private static final class Hook extends FunctionPostHook {
        private final GroupNormGradients owner;
        private final boolean forInput;

        Hook(GroupNormGradients owner, boolean forInput) {
            this.owner = owner;
            this.forInput = forInput;
        }

        @Override
        public TensorVector apply(TensorVector gradInputs, TensorVector gradOutputs) {
            try (StepScope scope = StepScope.open()) {
                gradInputs.put(1, owner.gradient(gradOutputs.get(0), forInput));
            }
            owner.hookDone();
            return gradInputs;
        }
    }
}
