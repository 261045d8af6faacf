package enr4j.model;

import java.util.List;

/** The 1x1 conv stacks shared by {@link Projection} and {@link InverseProjection}. */
final class PointwiseStack {
    private PointwiseStack() {}

    /** 1x1 convs (with bias) through {@code channels}, GroupNorm + LeakyReLU between them but not after the last. */
    static LayerSequence build(int inputChannels, List<Integer> channels) {
        LayerSequence.Builder b = new LayerSequence.Builder();
        int in = inputChannels;
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            b.add(Conv.pointwise(SpatialDims.TWO, in, out, true));
            if (i < channels.size() - 1) {
                b.normAndActivation(out);
            }
            in = out;
        }
        return b.build();
    }
}
