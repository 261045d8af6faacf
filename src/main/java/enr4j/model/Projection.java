package enr4j.model;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * 3D features to 2D: folds depth into channels (B x C x D x H x W to B x (C*D) x H x W), then 1x1
 * convs through {@code num_channels_projection} with GroupNorm + LeakyReLU between them.
 */
public final class Projection extends SequenceWrapper {
    private final int depth;

    public Projection(FeatureShape input, List<Integer> numChannels) {
        super("Projection", PointwiseStack.build(input.channels() * input.spatial()[0], numChannels));
        this.depth = input.spatial()[0];
    }

    @Override
    public Tensor forward(Tensor x) {
        long[] s = x.shape();
        return layers.forward(x.reshape(s[0], s[1] * s[2], s[3], s[4]));
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        int[] s = input.spatial();
        return layers.outputShape(new FeatureShape(input.channels() * s[0], s[1], s[2]));
    }

    @Override
    public long flops(FeatureShape input) {
        int[] s = input.spatial();
        return layers.flops(new FeatureShape(input.channels() * s[0], s[1], s[2]));
    }

    @Override
    public String describe() {
        return "Projection (fold depth " + depth + " into channels)";
    }
}
