package enr4j.model;

import enr4j.torch.Intermediates;
import enr4j.torch.cuda.FusedGroupNorm;
import enr4j.torch.cuda.GroupNormBackend;
import enr4j.torch.cuda.Kernels;
import java.util.Optional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Group normalisation (eps 1e-5) with affine {@code weight} and {@code bias} (both C), groups chosen by
 * {@link #groupsFor}. On CUDA with {@code --kernels native} it runs enr4j's fused kernels (which can apply the
 * LeakyReLU that follows in the same pass), otherwise libtorch's {@code group_norm}.
 */
public final class GroupNorm extends Module implements Layer {
    private static final double EPS = 1e-5;
    private static final boolean FOLD_CONV_BIAS = !"false".equals(System.getProperty("enr4j.foldConvBias"));
    private final int channels;
    private final int groups;
    private final WeightSlot weight;
    private final WeightSlot bias;

    public GroupNorm(int channels) {
        super("GroupNorm");
        this.channels = channels;
        this.groups = groupsFor(channels);
        this.weight = Parameters.register(this, "weight", torch.ones(channels));
        this.bias = Parameters.register(this, "bias", torch.zeros(channels));
    }

    /** The reference's group count: {@code n<8: 1; n<32: 2; n<64: 4; n<128: 8; n<256: 16; else 32}. */
    public static int groupsFor(int channels) {
        if (channels < 8) {
            return 1;
        }
        if (channels < 32) {
            return 2;
        }
        if (channels < 64) {
            return 4;
        }
        if (channels < 128) {
            return 8;
        }
        return channels < 256 ? 16 : 32;
    }

    @Override
    public Tensor forward(Tensor x) {
        Optional<GroupNormBackend> fused = fusedFor(x);
        if (fused.isPresent()) {
            return FusedGroupNorm.apply(fused.get(), x, groups, weight.forCompute(), bias.forCompute(), EPS, false, 0);
        }
        return libtorch(x);
    }

    /**
     * GroupNorm then LeakyReLU, as this layer followed by {@code activation} would compute it, in one pass when the
     * fused kernels run.
     *
     * @param x B x C x spatial
     * @return B x C x spatial
     */
    public Tensor forwardActivated(Tensor x, LeakyRelu activation) {
        Optional<GroupNormBackend> fused = fusedFor(x);
        if (fused.isPresent()) {
            return FusedGroupNorm.apply(fused.get(), x, groups, weight.forCompute(), bias.forCompute(), EPS, true,
                    LeakyRelu.SLOPE);
        }
        return torch.leaky_relu_(libtorch(x), new Scalar(LeakyRelu.SLOPE));
    }

    /**
     * {@code conv}, then this layer, then {@code activation} (or none), as the three layers compute it in order. In a
     * forward pass without gradients on the fused kernels the convolution's bias is folded into the normalisation,
     * which saves a pass over the convolution's output ({@code -Denr4j.foldConvBias=false} keeps the separate add,
     * for A/B runs).
     *
     * @param x B x C_in x spatial, the convolution's input
     * @return B x C x spatial'
     */
    public Tensor forwardAfter(Conv conv, Tensor x, LeakyRelu activation) {
        Tensor preBias = FOLD_CONV_BIAS && x.is_cuda() ? conv.foldableBias() : null;
        if (preBias == null) {
            return Intermediates.chain(x, conv::forward, y -> activation == null ? forward(y)
                    : forwardActivated(y, activation));
        }
        return Intermediates.chain(x, conv::forwardWithoutBias, y -> {
            Optional<GroupNormBackend> fused = fusedFor(y);
            if (fused.isEmpty()) {
                Tensor biased = y.add_(preBias.view(preBiasShape(y.dim())));
                return activation == null ? libtorch(biased) : forwardActivated(biased, activation);
            }
            return FusedGroupNorm.apply(fused.get(), y, groups, weight.forCompute(), bias.forCompute(), preBias, EPS,
                    activation != null, LeakyRelu.SLOPE);
        });
    }

    private long[] preBiasShape(long dim) {
        long[] shape = new long[(int) dim];
        java.util.Arrays.fill(shape, 1);
        shape[1] = channels;
        return shape;
    }

    private Optional<GroupNormBackend> fusedFor(Tensor x) {
        if (!x.is_cuda() && Kernels.requested() == enr4j.torch.cuda.KernelChoice.LIBTORCH) {
            return Optional.empty();
        }
        return FusedGroupNorm.supports(x, groups) ? Kernels.groupNorm(x.is_cuda()) : Optional.empty();
    }

    private Tensor libtorch(Tensor x) {
        return torch.group_norm(x, groups, new TensorOptional(weight.forCompute()),
                new TensorOptional(bias.forCompute()), EPS, true);
    }

    @Override
    public void collectWeights(java.util.List<WeightSlot> out) {
        out.add(weight);
        out.add(bias);
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        return input;
    }

    @Override
    public String describe() {
        return "GroupNorm " + channels + " (" + groups + " groups)";
    }

    @Override
    public long parameterCount() {
        return 2L * channels;
    }
}
