package enr4j.torch;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * Structural similarity as the reference's training loss computes it (pytorch_msssim's {@code SSIM},
 * data range 1, not clamped to be non-negative): an 11-tap Gaussian window (sigma 1.5) applied
 * separably without padding, constants C1 = 0.01^2 and C2 = 0.03^2. A spatial axis shorter than the
 * window is not filtered (as in pytorch_msssim).
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private Ssim() {}

    /**
     * @param x B x C x H x W, values in [0, 1]
     * @param y B x C x H x W
     * @return a scalar: SSIM averaged over batch, channels and positions
     */
    public static Tensor mean(Tensor x, Tensor y) {
        return map(x, y).mean();
    }

    /**
     * @param x B x C x H x W
     * @param y B x C x H x W
     * @return B: SSIM of each image, averaged over channels and positions
     */
    public static Tensor perImage(Tensor x, Tensor y) {
        Tensor m = map(x, y);
        return m.reshape(m.size(0), -1).mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
    }

    /** The SSIM map, B x C x H' x W', computed in float32 whatever the inputs' dtype. */
    private static Tensor map(Tensor x, Tensor y) {
        Tensor a = x.to(torch.ScalarType.Float);
        Tensor b = y.to(torch.ScalarType.Float);
        Tensor window = gaussian(a);
        Tensor muA = blur(a, window);
        Tensor muB = blur(b, window);
        Tensor muA2 = muA.mul(muA);
        Tensor muB2 = muB.mul(muB);
        Tensor muAB = muA.mul(muB);
        Tensor varA = blur(a.mul(a), window).sub(muA2);
        Tensor varB = blur(b.mul(b), window).sub(muB2);
        Tensor cov = blur(a.mul(b), window).sub(muAB);
        Tensor cs = cov.mul(Tensors.scalar(2)).add(Tensors.scalar(C2)).div(varA.add(varB).add(Tensors.scalar(C2)));
        Tensor luminance = muAB.mul(Tensors.scalar(2)).add(Tensors.scalar(C1))
                .div(muA2.add(muB2).add(Tensors.scalar(C1)));
        return luminance.mul(cs);
    }

    /** Kernels made so far, by device and channel count: uploaded once, so a captured CUDA graph never uploads. */
    private static final java.util.Map<String, Tensor> KERNELS = new java.util.concurrent.ConcurrentHashMap<>();

    /** 1D Gaussian taps, normalised to sum 1, as a C x 1 x 1 x 11 depthwise float32 kernel on x's device. */
    private static Tensor gaussian(Tensor like) {
        long channels = like.size(1);
        String key = like.device().str().getString() + "/" + channels;
        return KERNELS.computeIfAbsent(key, k -> {
            float[] g = new float[WINDOW];
            double sum = 0;
            for (int i = 0; i < WINDOW; i++) {
                double c = i - WINDOW / 2;
                g[i] = (float) Math.exp(-(c * c) / (2 * SIGMA * SIGMA));
                sum += g[i];
            }
            for (int i = 0; i < WINDOW; i++) {
                g[i] = (float) (g[i] / sum);
            }
            try (StepScope scope = StepScope.noGrad()) {
                return TensorOwner.pin(Tensors.upload(Tensor.create(g, 1, 1, 1, WINDOW), like.device())
                        .repeat(channels, 1, 1, 1).contiguous());
            }
        });
    }

    /** Separable valid-mode Gaussian blur per channel: W axis, then H axis (each only if long enough). */
    private static Tensor blur(Tensor x, Tensor window) {
        long channels = x.size(1);
        long[] one = {1, 1};
        long[] zero = {0, 0};
        Tensor out = x;
        if (x.size(3) >= WINDOW) {
            out = torch.conv2d(out, window, new TensorOptional(), one, zero, one, channels);
        }
        if (x.size(2) >= WINDOW) {
            out = torch.conv2d(out, window.transpose(2, 3), new TensorOptional(), one, zero, one, channels);
        }
        return out;
    }
}
