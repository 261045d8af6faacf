package enr4j.model;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * {@code x + f(x)} where f is GroupNorm, LeakyReLU, 1x1 conv (C to C'), GroupNorm, LeakyReLU,
 * 3x3 conv (C' to C'), GroupNorm, LeakyReLU, 1x1 conv (C' to C); convs without bias. Input and
 * output: B x C x spatial. Parameters live under {@code residual_layers.forward_layers.{j}}.
 */
public final class ResidualBlock extends Module implements Layer {
    private final SpatialDims dims;
    private final int channels;
    private final int hidden;
    /**
     * Without gradients, on channels-last input, the branch's last convolution adds its product straight into x
     * ({@link Conv#addPointwiseInto}): no separate sum kernel, no branch output written and read back
     * ({@code -Denr4j.fusedResidualSum=false} keeps the separate sum, for A/B runs). x is the block's to overwrite
     * there: a ResNet's blocks always follow a layer of their own sequence.
     */
    private static final boolean FUSED_SUM = !"false".equals(System.getProperty("enr4j.fusedResidualSum"));
    private final LayerSequence residual;
    private final Conv last;
    /** Held so the Java peer of the registered module is never collected while libtorch calls back into it. */
    private final Module residualHolder;

    public ResidualBlock(SpatialDims dims, int channels, int hidden) {
        super("ResidualBlock");
        this.dims = dims;
        this.channels = channels;
        this.hidden = hidden;
        LayerSequence f = new LayerSequence.Builder()
                .normAndActivation(channels)
                .add(Conv.pointwise(dims, channels, hidden, false))
                .normAndActivation(hidden)
                .add(Conv.conv(dims, hidden, hidden, 3, 1, 1, false))
                .normAndActivation(hidden)
                .add(Conv.pointwise(dims, hidden, channels, false))
                .build();
        this.residual = f;
        this.last = (Conv) f.layers().get(f.layers().size() - 1);
        this.residualHolder = register_module("residual_layers", new Holder(f));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (FUSED_SUM && !GradMode.is_enabled() && ActivationLayout.isChannelsLast(x)) {
            Tensor hidden = residual.forwardWithoutLast(x);
            Tensor sum = last.addPointwiseInto(x, hidden);
            if (sum != null) {
                Intermediates.release(hidden);
                return sum;
            }
            Tensor out = Intermediates.chain(hidden, last::forward, x::add);
            Intermediates.release(hidden);
            return out;
        }
        // the sum saves nothing: the branch output need not live to the end of the step
        return Intermediates.chain(x, residual::forward, x::add);
    }

    /** The branch f, B x C x spatial to B x C x spatial. */
    Layer residual() {
        return residual;
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        return input;
    }

    @Override
    public long flops(FeatureShape input) {
        return residual.flops(input);
    }

    @Override
    public void collectWeights(java.util.List<WeightSlot> out) {
        residual.collectWeights(out);
    }

    @Override
    public String describe() {
        return "ResBlock" + dims.count() + "d " + channels + "->" + hidden + "->" + channels;
    }

    @Override
    public long parameterCount() {
        return residual.parameterCount();
    }

    /** Gives the inner sequence the reference's extra {@code forward_layers} name level. */
    private static final class Holder extends Module {
        Holder(LayerSequence forwardLayers) {
            super("ConvBlock");
            register_module("forward_layers", forwardLayers);
        }
    }
}
