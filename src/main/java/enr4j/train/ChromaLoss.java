package enr4j.train;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A loss on hue and saturation alone: the mean absolute difference between the chroma of the renders and of the
 * targets, where a pixel's chroma is its RGB minus the mean of its three channels (its grey level). The L1 and SSIM
 * terms let a model that renders in grey lose little, so this term makes colour pay on its own. Off by default
 * ({@code chroma_loss_weight}, docs/TRAINING.md); not part of the reference's loss.
 *
 * @param weight the term's weight in the total loss
 */
public record ChromaLoss(double weight) implements LossTerm {
    @Override
    public String name() {
        return "chroma";
    }

    /**
     * @param rendered B x 3 x S x S
     * @param targets  B x 3 x S x S
     * @return 0-dim float32: mean over all B x 3 x S x S elements of |chroma(rendered) - chroma(targets)|
     */
    @Override
    public Tensor compute(Tensor rendered, Tensor targets) {
        // float32 even under bf16 autocast: chroma is a small difference of similar values
        return torch.l1_loss(chroma(rendered.to(torch.ScalarType.Float)), chroma(targets.to(torch.ScalarType.Float)));
    }

    /**
     * @param images B x 3 x S x S
     * @return B x 3 x S x S: each pixel minus the mean of its channels
     */
    static Tensor chroma(Tensor images) {
        return images.sub(images.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
    }
}
