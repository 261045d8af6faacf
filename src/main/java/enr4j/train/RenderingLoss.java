package enr4j.train;

import enr4j.torch.Ssim;
import enr4j.torch.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference's rendering loss: L1 or L2 between renders and targets, plus
 * {@code ssimWeight * (1 - SSIM)}. Terms stay on the device (no host synchronisation).
 */
public final class RenderingLoss {
    /** Regression distance. */
    public enum Kind {
        L1, L2;

        public static Kind fromConfig(String name) {
            return switch (name) {
                case "l1" -> L1;
                case "l2" -> L2;
                default -> throw new IllegalArgumentException("loss_type must be \"l1\" or \"l2\", got \"" + name + "\"");
            };
        }
    }

    /** The loss terms of one batch, as 0-dim tensors on the device. */
    public record Terms(Tensor total, Tensor regression, Tensor ssim) {}

    private final Kind kind;
    private final double ssimWeight;

    public RenderingLoss(Kind kind, double ssimWeight) {
        this.kind = kind;
        this.ssimWeight = ssimWeight;
    }

    public double ssimWeight() {
        return ssimWeight;
    }

    /**
     * @param rendered B x 3 x S x S
     * @param targets  B x 3 x S x S
     */
    public Terms compute(Tensor rendered, Tensor targets) {
        Tensor r = rendered.to(torch.ScalarType.Float);
        Tensor t = targets.to(torch.ScalarType.Float);
        Tensor regression = kind == Kind.L1 ? torch.l1_loss(r, t) : torch.mse_loss(r, t);
        if (ssimWeight == 0) {
            return new Terms(regression, regression, torch.zeros_like(regression));
        }
        Tensor ssimLoss = Ssim.mean(r, t).neg().add(Tensors.scalar(1));
        return new Terms(regression.add(ssimLoss.mul(Tensors.scalar(ssimWeight))), regression, ssimLoss);
    }
}
