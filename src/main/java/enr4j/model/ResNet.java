package enr4j.model;

import java.util.List;

/**
 * The config-driven ResNet of the reference, in 2D or 3D: a 1x1 conv to {@code channels[0]}, then per
 * entry a residual block (stride 1), a strided conv (2) or a transposed conv (-2), each conv followed by
 * GroupNorm and LeakyReLU, and optionally a final 1x1 conv. Input B x C x spatial; parameters under
 * {@code forward_layers.{i}}.
 */
public final class ResNet extends SequenceWrapper {
    private final SpatialDims dims;

    /**
     * @param input             shape of one input (its spatial rank picks 2D or 3D)
     * @param channels          output channels per entry
     * @param strides           1, 2 or -2 per entry
     * @param finalConvChannels channels of a final 1x1 conv, or 0 for none
     */
    public ResNet(FeatureShape input, List<Integer> channels, List<Integer> strides, int finalConvChannels) {
        super("ResNet", build(input, channels, strides, finalConvChannels));
        this.dims = input.dims();
    }

    private static LayerSequence build(FeatureShape input, List<Integer> channels, List<Integer> strides,
                                       int finalConvChannels) {
        SpatialDims dims = input.dims();
        LayerSequence.Builder b = new LayerSequence.Builder();
        b.add(Conv.pointwise(dims, input.channels(), channels.get(0), true));
        int current = channels.get(0);
        for (int i = 0; i < channels.size(); i++) {
            int c = channels.get(i);
            switch (strides.get(i)) {
                case 1 -> b.add(new ResidualBlock(dims, current, c));
                case 2 -> b.add(Conv.downsample(dims, current, c)).normAndActivation(c);
                case -2 -> b.add(Conv.upsample(dims, current, c)).normAndActivation(c);
                default -> throw new ConfigException("stride " + strides.get(i) + " is not 1, 2 or -2");
            }
            current = c;
        }
        if (finalConvChannels > 0) {
            b.add(Conv.pointwise(dims, current, finalConvChannels, true));
        }
        return b.build();
    }

    @Override
    public String describe() {
        return "ResNet" + dims.count() + "d";
    }
}
