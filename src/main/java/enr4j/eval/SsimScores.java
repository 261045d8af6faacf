package enr4j.eval;

import enr4j.torch.Ssim;
import enr4j.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/** Per-image SSIM read back to the host ({@link Ssim#perImage}: 11 x 11 Gaussian window, data range 1). */
public final class SsimScores {
    private SsimScores() {}

    /**
     * @param predicted B x C x H x W, values in [0, 1]
     * @param target    B x C x H x W, values in [0, 1]
     * @return B SSIM values (1 for identical images)
     */
    public static double[] perImage(Tensor predicted, Tensor target) {
        Psnr.checkSameShape(predicted, target);
        float[] values = Tensors.toFloats(Ssim.perImage(predicted, target).cpu());
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
