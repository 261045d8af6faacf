package enr4j.train;

import enr4j.torch.Ssim;
import enr4j.torch.Tensors;
import java.util.List;
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
    private final List<LossTerm> extraTerms;

    public RenderingLoss(Kind kind, double ssimWeight) {
        this(kind, ssimWeight, List.of());
    }

    /** With extra terms added to the total ({@code weight * term}); they are not part of regression or ssim. */
    public RenderingLoss(Kind kind, double ssimWeight, List<LossTerm> extraTerms) {
        this.kind = kind;
        this.ssimWeight = ssimWeight;
        this.extraTerms = List.copyOf(extraTerms);
    }

    public List<LossTerm> extraTerms() {
        return extraTerms;
    }

    public double ssimWeight() {
        return ssimWeight;
    }

    /**
     * @param rendered B x 3 x S x S
     * @param targets  B x 3 x S x S
     */
    public Terms compute(Tensor rendered, Tensor targets) {
        Terms base = computeBase(rendered, targets);
        if (extraTerms.isEmpty()) {
            return base;
        }
        Tensor total = base.total();
        for (LossTerm term : extraTerms) {
            total = total.add(term.compute(rendered, targets).to(torch.ScalarType.Float).mul(Tensors.scalar(term.weight())));
        }
        return new Terms(total, base.regression(), base.ssim());
    }

    /** The reference's terms alone (regression + SSIM), without the extra terms: what validation compares. */
    public Terms computeBase(Tensor rendered, Tensor targets) {
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
