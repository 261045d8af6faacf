package enr4j.model;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import enr4j.torch.cuda.ChannelBiasBackend;
import enr4j.torch.cuda.Kernels;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A 2D or 3D convolution (optionally transposed) with PyTorch's default initialisation: weights and
 * bias uniform in +-1/sqrt(fan_in). Parameters: {@code weight} (C_out x C_in x k^d, or C_in x C_out x
 * k^d when transposed) and, optionally, {@code bias} (C_out).
 */
public final class Conv extends Module implements Layer {
    /**
     * How a channels-last convolution with a bias adds it ({@code -Denr4j.channelsLastBias=gemm|inplace|conv}, for
     * A/B runs of speed and peak memory).
     */
    private enum ChannelsLastBias {
        /** As a matrix product: into a new tensor when the bias trains, into the output when it does not. */
        GEMM,
        /** As a matrix product, always into the convolution's output. */
        INPLACE,
        /** Inside cuDNN's call. */
        CONV
    }

    private static final ChannelsLastBias CHANNELS_LAST_BIAS =
            ChannelsLastBias.valueOf(System.getProperty("enr4j.channelsLastBias", "gemm").toUpperCase(java.util.Locale.ROOT));

    private final SpatialDims dims;
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean transposed;
    private final WeightSlot weight;
    private final WeightSlot bias;

    private Conv(SpatialDims dims, int in, int out, int kernel, int stride, int padding, boolean transposed,
                 boolean withBias) {
        super("Conv");
        this.dims = dims;
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.transposed = transposed;
        long[] shape = new long[2 + dims.count()];
        shape[0] = transposed ? in : out;
        shape[1] = transposed ? out : in;
        for (int i = 0; i < dims.count(); i++) {
            shape[2 + i] = kernel;
        }
        long fanIn = shape[1] * (long) Math.pow(kernel, dims.count());
        double bound = 1.0 / Math.sqrt(fanIn);
        this.weight = Parameters.register(this, "weight", uniform(shape, bound));
        this.bias = withBias ? Parameters.register(this, "bias", uniform(new long[] {out}, bound)) : null;
    }

    /** A k x k (x k) convolution. */
    public static Conv conv(SpatialDims dims, int in, int out, int kernel, int stride, int padding, boolean bias) {
        return new Conv(dims, in, out, kernel, stride, padding, false, bias);
    }

    /** A 1x1 (x1) convolution. */
    public static Conv pointwise(SpatialDims dims, int in, int out, boolean bias) {
        return new Conv(dims, in, out, 1, 1, 0, false, bias);
    }

    /** A transposed convolution, kernel 4, stride 2, padding 1: doubles every spatial size. */
    public static Conv upsample(SpatialDims dims, int in, int out) {
        return new Conv(dims, in, out, 4, 2, 1, true, true);
    }

    /** A convolution with kernel 4, stride 2, padding 1: halves every spatial size. */
    public static Conv downsample(SpatialDims dims, int in, int out) {
        return new Conv(dims, in, out, 4, 2, 1, false, true);
    }

    private static Tensor uniform(long[] shape, double bound) {
        return torch.empty(shape).uniform_(-bound, bound, new GeneratorOptional());
    }

    /**
     * The bias a following layer may add instead of this convolution (a GroupNorm folds it into its normalisation):
     * only in a forward pass without gradients, else null.
     */
    Tensor foldableBias() {
        return bias != null && !GradMode.is_enabled() ? bias.forCompute() : null;
    }

    /**
     * This convolution without its bias, whose adding a following layer has taken over ({@link #foldableBias}).
     *
     * @param x N x C_in x spatial
     * @return N x C_out x spatial', x's layout
     */
    Tensor forwardWithoutBias(Tensor x) {
        return convolve(x, computeWeight(x), null);
    }

    /**
     * {@code target + this(x)} written into {@code target}, for a bias-free pointwise convolution of channels-last
     * tensors in a forward pass without gradients: one matrix product whose epilogue adds target, where the
     * convolution and a separate add would write this(x) and read it back. Null (nothing done) when those
     * conditions do not hold.
     *
     * @param target N x C_out x spatial, channels-last; overwritten (the caller must hold no other use of it)
     * @param x      N x C_in x spatial, channels-last
     * @return target, or null
     */
    Tensor addPointwiseInto(Tensor target, Tensor x) {
        if (kernel != 1 || transposed || bias != null || GradMode.is_enabled() || !ActivationLayout.isChannelsLast(x)
                || !ActivationLayout.isChannelsLast(target)) {
            return null;
        }
        Tensor rowsIn = ActivationLayout.channelsInnermost(x, true);
        Tensor rowsOut = ActivationLayout.channelsInnermost(target, true);
        Tensor w = weight.forCompute();
        if (!rowsIn.is_contiguous() || !rowsOut.is_contiguous()
                || w.scalar_type().value != x.scalar_type().value) {
            Intermediates.release(rowsIn, rowsOut);
            return null;
        }
        Tensor a = rowsIn.view(-1, in);
        Tensor b = rowsOut.view(-1, out);
        Tensor matrix = w.reshape(out, in);
        Tensor transposedWeight = matrix.t();
        b.addmm_(a, transposedWeight);
        Intermediates.release(rowsIn, rowsOut, a, b, matrix, transposedWeight);
        return target;
    }

    private Tensor computeWeight(Tensor x) {
        Tensor w = weight.forCompute();
        // channels-last: keep cuDNN in one layout, no conversions around the call
        return ActivationLayout.isChannelsLast(x) ? w.contiguous(dims.channelsLast()) : w;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor w = computeWeight(x);
        boolean channelsLast = ActivationLayout.isChannelsLast(x);
        Tensor b = bias == null ? null : bias.forCompute();
        if (channelsLast && b != null && CHANNELS_LAST_BIAS != ChannelsLastBias.CONV) {
            Tensor cw = w;
            // without a bias gradient (inference, frozen parts) the sum goes into the output: nothing saved it
            boolean inPlace = !(b.requires_grad() && GradMode.is_enabled())
                    || CHANNELS_LAST_BIAS == ChannelsLastBias.INPLACE;
            // the bias-free output is freed once the bias is added (unless added into it): autograd keeps none of it
            return Intermediates.chain(x, in -> convolve(in, cw, null), y -> addChannelsLastBias(y, b, inPlace));
        }
        return convolve(x, w, b);
    }

    /**
     * The convolution itself. A 2D pointwise convolution also takes B x C x D x H x W, as if its depth were folded
     * into channels (channel c * D + d, as {@link Projection#fold} arranges them): one 3D convolution with a (D, 1, 1)
     * kernel then reads x where it is, with no folded copy of it.
     *
     * @param x B x C_in x spatial, or B x C x D x H x W with C * D = C_in (2D pointwise only)
     * @param w the weight, in x's layout
     * @param b C_out, or null
     * @return B x C_out x spatial', x's layout
     */
    private Tensor convolve(Tensor x, Tensor w, Tensor b) {
        if (transposed) {
            return dims.convTranspose(x, w, b, stride, padding);
        }
        if (x.dim() == dims.count() + 2) {
            return dims.conv(x, w, b, stride, padding);
        }
        long c = x.size(1);
        long depth = x.size(2);
        if (dims != SpatialDims.TWO || kernel != 1 || x.dim() != 5 || c * depth != in) {
            throw new IllegalArgumentException(describe() + " cannot take " + java.util.Arrays.toString(x.shape()));
        }
        Tensor byDepth = w.reshape(out, c, depth, 1, 1);
        Tensor laid = ActivationLayout.isChannelsLast(x) ? byDepth.contiguous(SpatialDims.THREE.channelsLast()) : byDepth;
        Tensor flat = SpatialDims.THREE.conv(x, laid, b, 1, 0); // B x C_out x 1 x H x W
        Tensor y = flat.squeeze(2);
        Intermediates.release(byDepth, laid == byDepth ? null : laid, flat);
        return y;
    }

    /**
     * y + bias per channel, for a channels-last y, as one matrix product: y seen as (N * spatial) x C plus a column
     * of ones times the bias row. Its backward pass gets the bias gradient from a matrix product too, where the
     * convolution's own would sum a channels-last tensor over its batch and spatial dimensions, a reduction that
     * libtorch's CUDA kernels run several times slower; in inference the product is faster than libtorch's
     * broadcast add over a channels-last tensor too. Added in place with {@code --kernels native}, enr4j's one-pass
     * kernel replaces the product (and the fill of its column of ones).
     *
     * @param y N x C x spatial, channels-last
     * @param b C
     * @return N x C x spatial, channels-last
     */
    private static Tensor addChannelsLastBias(Tensor y, Tensor b, boolean inPlace) {
        int d = (int) y.dim();
        Tensor rows = ActivationLayout.channelsInnermost(y, true);
        if (!rows.is_contiguous()) {
            Intermediates.release(rows);
            return y.add(b.view(viewShape(d, y.size(1))));
        }
        long c = y.size(1);
        Tensor matrix = rows.view(-1, c);
        Tensor typed = b.scalar_type().value == y.scalar_type().value ? b : b.to(y.scalar_type());
        java.util.Optional<ChannelBiasBackend> kernel = inPlace ? Kernels.channelBias(y.is_cuda())
                : java.util.Optional.empty();
        if (kernel.isPresent() && kernel.get().addInPlace(matrix, typed)) {
            Intermediates.release(rows, matrix, typed == b ? null : typed);
            return y;
        }
        Tensor ones = torch.ones(new long[] {matrix.size(0), 1}, y.options());
        Tensor row = typed.view(1, c);
        Tensor out;
        if (inPlace) {
            matrix.addmm_(ones, row); // the convolution keeps no copy of its output, so y may change
            out = y;
        } else {
            Tensor sum = torch.addmm(matrix, ones, row);
            Tensor shaped = sum.view(rows.shape());
            out = ActivationLayout.channelsSecond(shaped, true);
            Intermediates.release(sum, shaped);
        }
        Intermediates.release(rows, matrix, ones, row, typed == b ? null : typed);
        return out;
    }

    private static long[] viewShape(int dim, long channels) {
        long[] shape = new long[dim];
        java.util.Arrays.fill(shape, 1);
        shape[1] = channels;
        return shape;
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        if (input.channels() != in) {
            throw new IllegalArgumentException(describe() + " expects " + in + " channels, got " + input);
        }
        int[] s = input.spatial().clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = transposed ? (s[i] - 1) * stride - 2 * padding + kernel : (s[i] + 2 * padding - kernel) / stride + 1;
        }
        return new FeatureShape(out, s);
    }

    @Override
    public long flops(FeatureShape input) {
        long kernelVolume = (long) Math.pow(kernel, dims.count());
        FeatureShape output = outputShape(input);
        long positions = 1;
        for (int s : (transposed ? input : output).spatial()) {
            positions *= s;
        }
        return 2L * positions * in * out * kernelVolume;
    }

    @Override
    public String describe() {
        return (transposed ? "ConvTranspose" : "Conv") + dims.count() + "d " + in + "->" + out + " k" + kernel
                + (stride != 1 ? " s" + stride : "") + (bias == null ? " (no bias)" : "");
    }

    @Override
    public long parameterCount() {
        return weight.parameter().numel() + (bias == null ? 0 : bias.parameter().numel());
    }

    @Override
    public void collectWeights(java.util.List<WeightSlot> out) {
        out.add(weight);
        if (bias != null) {
            out.add(bias);
        }
    }
}
