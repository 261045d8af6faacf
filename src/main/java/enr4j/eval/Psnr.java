package enr4j.eval;

import enr4j.torch.Tensors;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Peak signal-to-noise ratio for images with values in [0, 1]: {@code 10 log10(1 / MSE)} per image, MSE averaged
 * over channels and pixels (the reference's {@code get_psnr}, before its batch mean).
 *
 * <p><b>Identical images.</b> The formula gives +infinity when MSE is 0, which would make any mean that includes
 * such an image infinite. Here PSNR is capped at {@value #MAX_DB} dB (an MSE of 1e-10): identical images score
 * exactly {@value #MAX_DB}, and every finite PSNR below the cap is unchanged. No real render reaches the cap
 * (an 8-bit quantisation error alone is about 59 dB).
 */
public final class Psnr {
    /** The PSNR of identical images, and the largest value ever reported. */
    public static final double MAX_DB = 100.0;

    private Psnr() {}

    /**
     * @param mse mean squared error of images in [0, 1], at least 0
     * @return {@code min(MAX_DB, 10 log10(1 / mse))}
     * @throws IllegalArgumentException when mse is negative or not a number
     */
    public static double fromMse(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("MSE must be >= 0, got " + mse);
        }
        return Math.min(MAX_DB, 10.0 * Math.log10(1.0 / mse));
    }

    /**
     * Mean squared error per image, computed in float32 whatever the inputs' dtype.
     *
     * @param predicted B x C x H x W
     * @param target    B x C x H x W
     * @return B values, on the host
     */
    public static double[] mse(Tensor predicted, Tensor target) {
        checkSameShape(predicted, target);
        Tensor diff = predicted.to(torch.ScalarType.Float).sub(target.to(torch.ScalarType.Float));
        Tensor perImage = diff.mul(diff).reshape(diff.size(0), -1).mean(new long[] {1}, false, new ScalarTypeOptional());
        float[] values = Tensors.toFloats(perImage.cpu());
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * @param predicted B x C x H x W, values in [0, 1]
     * @param target    B x C x H x W, values in [0, 1]
     * @return B PSNR values in dB (capped at {@value #MAX_DB})
     */
    public static double[] perImage(Tensor predicted, Tensor target) {
        double[] mse = mse(predicted, target);
        double[] out = new double[mse.length];
        for (int i = 0; i < mse.length; i++) {
            out[i] = fromMse(mse[i]);
        }
        return out;
    }

    static void checkSameShape(Tensor a, Tensor b) {
        long[] sa = a.shape();
        long[] sb = b.shape();
        if (sa.length != 4 || !java.util.Arrays.equals(sa, sb)) {
            throw new IllegalArgumentException("need two B x C x H x W tensors of one shape, got "
                    + java.util.Arrays.toString(sa) + " and " + java.util.Arrays.toString(sb));
        }
    }
}
