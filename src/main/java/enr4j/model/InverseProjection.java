package enr4j.model;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
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
        // channels-last features unfold into a copy: chained, their handle does not pin them to the step's end
        return Intermediates.chain(x, layers::forward, InverseProjection::unfold);
    }

    /**
     * Channel c * W + d of f becomes channel c at depth d. Channels-last features give channels-last scenes in one
     * copy, where a plain reshape would copy into the NC layout and the next layer would copy again.
     *
     * @param f B x L x H x W
     * @return B x (L / W) x W x H x W
     */
    static Tensor unfold(Tensor f) {
        long[] s = f.shape();
        if (!ActivationLayout.isChannelsLast(f)) {
            return f.reshape(s[0], s[1] / s[3], s[3], s[2], s[3]);
        }
        Tensor rows = ActivationLayout.channelsInnermost(f, true); // B x H x W x L, contiguous
        Tensor split = rows.view(s[0], s[2], s[3], s[1] / s[3], s[3]); // B x H x W x C x D
        Tensor scenes = split.permute(0, 3, 4, 1, 2); // B x C x D x H x W
        Tensor result = scenes.contiguous(ActivationLayout.format(5));
        Intermediates.release(rows, split, scenes);
        return result;
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
