package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import enr4j.torch.cuda.GroupNormBackend.Forward;
import enr4j.torch.cuda.GroupNormBackend.Problem;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * GroupNorm (and the LeakyReLU after it) through a {@link GroupNormBackend}, wired into autograd.
 *
 * <p>The backend's backward pass reaches autograd through {@link HookedBackward}, which wires x, weight and bias to
 * the output; weight and bias only when their gradients cannot be added straight into their gradient buffers (see
 * {@code accumulationBuffer}), which saves autograd's add kernel per parameter. Saved for the backward pass: x, and the float32 mean and rstd (N x G).
 *
 * <p>For channels-last tensors the wiring runs on the output permuted to N x spatial x C, where it is contiguous:
 * libtorch's CUDA {@code index_put_} copies a non-contiguous tensor to a contiguous one and back, two full copies
 * per wired input.
 */
public final class FusedGroupNorm {
    /** Per-sample element counts beyond this use libtorch (the kernels index a sample with 32 bits). */
    private static final long MAX_SAMPLE_ELEMENTS = Integer.MAX_VALUE;

    private FusedGroupNorm() {}

    /**
     * @param x N x C x spatial (1 to 3 spatial dimensions)
     * @return whether the fused kernels handle this input: float32 or bfloat16, C a multiple of {@code groups},
     *     not under autocast (which runs GroupNorm in float32 and is kept as libtorch does it)
     */
    public static boolean supports(Tensor x, int groups) {
        byte type = x.scalar_type().value; // the presets' enum values are not identical objects: compare values
        if (type != torch.ScalarType.Float.value && type != torch.ScalarType.BFloat16.value) {
            return false;
        }
        if (x.dim() < 3 || x.dim() > 5 || x.numel() == 0 || x.size(1) % groups != 0) {
            return false;
        }
        if (x.numel() / x.size(0) > MAX_SAMPLE_ELEMENTS) {
            return false;
        }
        return !(x.is_cuda() && torch.is_autocast_enabled(torch.DeviceType.CUDA));
    }

    /**
     * @param x          N x C x spatial, {@link #supports supported}
     * @param weight     C
     * @param bias       C
     * @param activation whether LeakyReLU with {@code slope} follows
     * @return N x C x spatial, x's dtype and layout (NC... contiguous or channels-last)
     */
    public static Tensor apply(GroupNormBackend backend, Tensor x, int groups, Tensor weight, Tensor bias,
                               double eps, boolean activation, double slope) {
        return apply(backend, x, groups, weight, bias, null, eps, activation, slope);
    }

    /**
     * GroupNorm of {@code x + preBias} (per channel), the sum never formed: a convolution's bias folded into the
     * GroupNorm after it, for a forward pass that no gradient flows back through.
     *
     * @param x       N x C x spatial, {@link #supports supported}
     * @param preBias C, or null (then as {@link #apply(GroupNormBackend, Tensor, int, Tensor, Tensor, double,
     *                boolean, double)})
     * @return N x C x spatial, x's dtype and layout
     * @throws IllegalStateException when a pre-bias comes with a gradient to compute
     */
    public static Tensor apply(GroupNormBackend backend, Tensor x, int groups, Tensor weight, Tensor bias,
                               Tensor preBias, double eps, boolean activation, double slope) {
        boolean gradients = needsGradient(x, weight, bias);
        if (preBias != null && gradients) {
            throw new IllegalStateException("a GroupNorm pre-bias is for forward passes without gradients");
        }
        boolean channelsLast = ActivationLayout.isChannelsLast(x);
        Tensor input = channelsLast || x.is_contiguous() ? x : x.contiguous();
        long n = x.size(0);
        long c = x.size(1);
        Problem p = new Problem(n, c, x.numel() / (n * c), groups, eps, channelsLast, activation, slope);
        Tensor w = weight.detach().to(x.scalar_type()).contiguous();
        Tensor b = bias.detach().to(x.scalar_type()).contiguous();
        Tensor pb = preBias == null ? null : preBias.detach().to(x.scalar_type()).contiguous();
        Forward f;
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor detached = input.detach();
            f = backend.forward(p, detached, w, b, pb);
            Intermediates.release(detached);
        }
        boolean inputGrad = x.requires_grad();
        boolean parameterGrads = weight.requires_grad() || bias.requires_grad();
        Tensor y = f.output();
        if (!gradients) {
            return y;
        }
        Tensor weightInto = inputGrad && parameterGrads ? accumulationBuffer(weight, x) : null;
        Tensor biasInto = weightInto != null ? accumulationBuffer(bias, x) : null;
        if (biasInto == null) {
            weightInto = null;
        }
        GroupNormGradients grads = new GroupNormGradients(backend, p, new Tensor(input), f, w, b, inputGrad,
                parameterGrads, weightInto, biasInto);
        // detached, so that writing to the permuted alias does not route y's gradient through a copying view node
        Tensor target = channelsLast ? ActivationLayout.channelsInnermost(y, true).detach() : y;
        List<Tensor> values = new ArrayList<>(3);
        List<Tensor> made = new ArrayList<>(6);
        if (inputGrad) {
            values.add(ActivationLayout.channelsInnermost(x, channelsLast));
        }
        if (parameterGrads && weightInto == null) {
            long[] shape = parameterShape(x.dim(), c, channelsLast);
            for (Tensor parameter : new Tensor[] {weight, bias}) {
                Tensor typed = parameter.to(y.scalar_type());
                values.add(typed.view(shape));
                made.add(typed);
            }
        }
        HookedBackward.wire(target, values, grads::backward, grads::release);
        Tensor out = ActivationLayout.channelsSecond(target, channelsLast);
        // every other handle made here goes now: a handle pins its storage to the step's end, and the backward pass
        // holds what it needs (x through grads, y through autograd), so x and y are freed once their gradients ran
        for (Tensor v : values) {
            made.add(v == x ? null : v);
        }
        if (channelsLast) {
            made.add(target); // the permuted alias wired; out is its view
            made.add(y);
        }
        if (input != x) {
            made.add(input);
        }
        Intermediates.release(made.toArray(Tensor[]::new));
        return out;
    }

    private static boolean needsGradient(Tensor x, Tensor weight, Tensor bias) {
        return GradMode.is_enabled() && (x.requires_grad() || weight.requires_grad() || bias.requires_grad());
    }

    /**
     * A parameter's gradient buffer that its gradient can be added into directly, bypassing autograd's accumulation
     * (an add kernel per parameter): a leaf whose gradient is already allocated, in x's dtype and contiguous, as
     * {@code FlatAdam} leaves every parameter's (a slice of its flat gradient). Else null.
     */
    private static Tensor accumulationBuffer(Tensor parameter, Tensor x) {
        if (!parameter.requires_grad() || !parameter.is_leaf()) {
            return null;
        }
        Tensor g = parameter.grad();
        boolean usable = g.defined() && g.scalar_type().value == x.scalar_type().value && g.is_contiguous()
                && g.numel() == parameter.numel() && g.is_cuda() == x.is_cuda();
        return usable ? g : null;
    }

    /** A parameter's shape as a {@code values} tensor of the target: C x 1... (NC), or C (channels-last). */
    static long[] parameterShape(long dim, long channels, boolean channelsLast) {
        if (channelsLast) {
            return new long[] {channels};
        }
        long[] shape = new long[(int) dim - 1];
        java.util.Arrays.fill(shape, 1);
        shape[0] = channels;
        return shape;
    }
}
