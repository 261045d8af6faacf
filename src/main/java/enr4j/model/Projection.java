package enr4j.model;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import enr4j.torch.MemoryTags;
import java.util.List;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;

/**
 * 3D features to 2D: folds depth into channels (B x C x D x H x W to B x (C*D) x H x W), then 1x1
 * convs through {@code num_channels_projection} with GroupNorm + LeakyReLU between them.
 */
public final class Projection extends SequenceWrapper {
    /**
     * Without gradients, on channels-last input, the first 1x1 convolution reads the 3D features as they are, as a 3D
     * convolution with a (D, 1, 1) kernel, instead of a folded copy ({@code -Denr4j.foldByConvolution=false} keeps
     * the copy, for A/B runs).
     */
    private static final boolean FOLD_BY_CONVOLUTION = !"false".equals(System.getProperty("enr4j.foldByConvolution"));
    private final int depth;

    public Projection(FeatureShape input, List<Integer> numChannels) {
        super("Projection", PointwiseStack.build(input.channels() * input.spatial()[0], numChannels));
        this.depth = input.spatial()[0];
    }

    @Override
    public Tensor forward(Tensor x) {
        if (FOLD_BY_CONVOLUTION && !GradMode.is_enabled() && ActivationLayout.isChannelsLast(x)) {
            return layers.forward(x); // the first convolution folds the depth itself (Conv#convolve)
        }
        // marked: the fold's backward is tagged as this part's, not as the layer before's
        return layers.forward(MemoryTags.markBackward(fold(x)));
    }

    /**
     * Channel c * D + d of the result is channel c at depth d. A channels-last x gives a channels-last result in
     * one copy (x's positions are already (d, h, w) x C; the result's are (h, w) x (C, d)), where a plain reshape
     * would copy into the NC layout and the next layer would copy again.
     *
     * @param x B x C x D x H x W
     * @return B x (C*D) x H x W
     */
    static Tensor fold(Tensor x) {
        long[] s = x.shape();
        if (!ActivationLayout.isChannelsLast(x)) {
            return x.reshape(s[0], s[1] * s[2], s[3], s[4]);
        }
        Tensor positions = x.permute(0, 3, 4, 1, 2); // B x H x W x C x D
        Tensor rows = positions.contiguous();
        Tensor folded = rows.view(s[0], s[3], s[4], s[1] * s[2]);
        Tensor result = folded.permute(0, 3, 1, 2);
        Intermediates.release(positions, rows, folded);
        return result;
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
