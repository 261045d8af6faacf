package enr4j.model;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * 2D features to 3D: 1x1 convs through {@code num_channels_inv_projection} with GroupNorm + LeakyReLU
 * between them, then the last L channels are unfolded into (L / W) channels of depth W:
 * B x C x H x W to B x (L / W) x W x H x W.
 */
public final class InverseProjection extends SequenceWrapper {
    public InverseProjection(FeatureShape input, List<Integer> numChannels) {
        super("InverseProjection", PointwiseStack.build(input.channels(), numChannels));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor f = layers.forward(x);
        long[] s = f.shape();
        Tensor scenes = f.reshape(s[0], s[1] / s[3], s[3], s[2], s[3]);
        if (f.address() != x.address()) {
            // channels-last features reshape into a copy: their handle would otherwise pin them to the step's end
            f.deallocate();
        }
        return scenes;
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        FeatureShape f = layers.outputShape(input);
        int h = f.spatial()[0];
        int w = f.spatial()[1];
        return new FeatureShape(f.channels() / w, w, h, w);
    }

    @Override
    public String describe() {
        return "InverseProjection (unfold channels into depth)";
    }
}
