package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import enr4j.torch.cuda.GroupNormBackend.Forward;
import enr4j.torch.cuda.GroupNormBackend.Gradients;
import enr4j.torch.cuda.GroupNormBackend.Problem;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * What one fused GroupNorm saved for its backward pass, and that backward pass as {@link HookedBackward} calls it:
 * the output's gradient in, the gradients of x (when it needs one), weight and bias out, or the parameters'
 * gradients added straight into their gradient buffers (see {@link FusedGroupNorm}).
 */
final class GroupNormGradients {
    private final GroupNormBackend backend;
    private final Problem problem;
    private final Tensor x;
    private final Forward forward;
    private final Tensor weight;
    private final Tensor bias;
    private final boolean inputGrad;
    private final boolean parameterGrads;
    private final Tensor weightInto;
    private final Tensor biasInto;

    /**
     * @param x          N x C x spatial, the handle is owned (freed) by this object
     * @param weight     C, x's dtype
     * @param bias       C, x's dtype
     * @param weightInto with {@code biasInto}: the parameters' gradient buffers to add into, or null
     */
    GroupNormGradients(GroupNormBackend backend, Problem problem, Tensor x, Forward forward, Tensor weight,
                       Tensor bias, boolean inputGrad, boolean parameterGrads, Tensor weightInto, Tensor biasInto) {
        this.backend = backend;
        this.problem = problem;
        this.x = x;
        this.forward = forward;
        this.weight = weight;
        this.bias = bias;
        this.inputGrad = inputGrad;
        this.parameterGrads = parameterGrads;
        this.weightInto = weightInto;
        this.biasInto = biasInto;
    }

    /**
     * @param dy the output's gradient, N x C x spatial, or N x spatial x C for a channels-last problem
     * @return x's gradient in dy's shape (when x needs one), then weight's and bias's in
     *     {@link FusedGroupNorm#parameterShape} (when they need them and are not added into buffers); x's dtype
     */
    List<Tensor> backward(Tensor dy) {
        boolean last = problem.channelsLast();
        Tensor g = ActivationLayout.contiguousIn(ActivationLayout.channelsSecond(dy, last), last, x.scalar_type());
        Gradients r = backend.backward(problem, g, x, forward, weight, bias, inputGrad, parameterGrads, weightInto,
                biasInto);
        List<Tensor> grads = new ArrayList<>(3);
        if (inputGrad) {
            grads.add(ActivationLayout.channelsInnermost(r.input(), last));
        }
        if (parameterGrads && weightInto == null) {
            long[] shape = FusedGroupNorm.parameterShape(x.dim(), problem.channels(), last);
            grads.add(r.weight().view(shape));
            grads.add(r.bias().view(shape));
        }
        return grads;
    }

    /** Frees what the forward saved. */
    void release() {
        for (Tensor t : new Tensor[] {x, forward.mean(), forward.rstd(), forward.workspace(), weight, bias}) {
            if (t != null) {
                t.deallocate();
            }
        }
    }
}
