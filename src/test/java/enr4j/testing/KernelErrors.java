package enr4j.testing;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The error measures the GPU kernel checks report, computed in float64. */
public final class KernelErrors {
    private KernelErrors() {}

    /**
     * @param y   any shape, any floating dtype (detached here)
     * @param ref y's shape
     * @return max |y - ref| / max(1, max |ref|): an output's error relative to its scale, absolute below 1
     */
    public static double maxError(Tensor y, Tensor ref) {
        Tensor r = ref.to(torch.ScalarType.Double);
        double scale = Math.max(1.0, r.abs().max().item_double());
        return y.detach().to(torch.ScalarType.Double).sub(r).abs().max().item_double() / scale;
    }

    /**
     * @param g   any shape, any floating dtype
     * @param ref g's shape
     * @return ||g - ref|| / ||ref|| (L2 over all elements): a gradient's error
     */
    public static double relativeL2(Tensor g, Tensor ref) {
        Tensor r = ref.to(torch.ScalarType.Double);
        return g.to(torch.ScalarType.Double).sub(r).norm().item_double() / Math.max(1e-30, r.norm().item_double());
    }
}
