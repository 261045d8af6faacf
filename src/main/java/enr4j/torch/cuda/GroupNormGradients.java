package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import enr4j.torch.StepScope;
import enr4j.torch.cuda.GroupNormBackend.Forward;
import enr4j.torch.cuda.GroupNormBackend.Gradients;
import enr4j.torch.cuda.GroupNormBackend.Problem;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.FunctionPostHook;
import org.bytedeco.pytorch.FunctionPreHook;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * What one fused GroupNorm saved for its backward pass, and the hooks that hand its gradients to autograd: the
 * pre-hook on the output's gradient node computes every gradient (and passes an undefined gradient on, so the
 * wiring nodes compute nothing); each post-hook sets one part's gradient; the last one frees what was saved.
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
    /** The parts of the backward pass a post-hook hands on. */
    enum Part { INPUT, WEIGHT, BIAS }

    /** The hooks' Java objects, held here because libtorch holds them only weakly. */
    private final java.util.List<Object> hooks = new java.util.ArrayList<>(4);
    private int hooksLeft;
    private Gradients computed;

    /**
     * @param x      N x C x spatial, the handle is owned (freed) by this object
     * @param weight C, x's dtype
     * @param bias   C, x's dtype
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

    /** A post-hook for the node whose {@code values} input is x, the weight or the bias. */
    FunctionPostHook hook(Part part) {
        Hook h = new Hook(this, part);
        hooks.add(h);
        hooksLeft++;
        return h;
    }

    /** The pre-hook for the output's gradient node (the last wiring node): takes the output's gradient. */
    FunctionPreHook preHook() {
        PreHook h = new PreHook(this);
        hooks.add(h);
        return h;
    }

    /** Number of fused GroupNorms whose backward pass has not run yet (for memory tests). */
    static int pending() {
        return PENDING.size();
    }

    /** Computes every gradient from the output's; called once, by the pre-hook. */
    private synchronized void take(Tensor dy) {
        if (computed == null) {
            computed = compute(dy);
        }
    }

    /** @return the gradient for the part's {@code values}: like x, or C x 1... (C channels-last), x's dtype */
    private synchronized Tensor gradient(Part part) {
        boolean last = problem.channelsLast();
        return switch (part) {
            case INPUT -> last ? computed.input().permute(ActivationLayout.channelsToLast(x.dim())) : computed.input();
            case WEIGHT -> computed.weight().to(type).view(FusedGroupNorm.parameterShape(x.dim(), problem.channels(), last));
            case BIAS -> computed.bias().to(type).view(FusedGroupNorm.parameterShape(x.dim(), problem.channels(), last));
        };
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
        for (Tensor t : new Tensor[] {x, forward.mean(), forward.rstd(), forward.workspace(), weight, bias}) {
            if (t != null) {
                t.deallocate();
            }
        }
        computed = null;
        PENDING.remove(this);
    }

    /** Takes the output's gradient and passes an undefined one on, so the wiring nodes compute nothing. */
    private static final class PreHook extends FunctionPreHook {
        private final GroupNormGradients owner;

        PreHook(GroupNormGradients owner) {
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
    private static final class Hook extends FunctionPostHook {
        private final GroupNormGradients owner;
        private final Part part;

        Hook(GroupNormGradients owner, Part part) {
            this.owner = owner;
            this.part = part;
        }

        @Override
        public TensorVector apply(TensorVector gradInputs, TensorVector gradOutputs) {
            try (StepScope scope = StepScope.open()) {
                gradInputs.put(1, owner.gradient(part));
            }
            owner.hookDone();
            return gradInputs;
        }
    }
}
