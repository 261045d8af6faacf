package enr4j.torch.cuda;

import java.util.Optional;

/**
 * The process-wide kernel switch. The fused kernels need a CUDA device, the CUDA presets' classes and NVRTC; when
 * one is missing, or {@link KernelChoice#LIBTORCH} is asked for, libtorch's operators run unchanged. The first
 * GroupNorm or resampling that asks decides the path, and the log says once which one it is and why.
 *
 * <p>Nothing here refers to a class of the CUDA presets: those are reached through {@link CudaGroupNorm} only
 * after the probe succeeded, so a CPU installation never needs the CUDA jars.
 */
public final class Kernels {
    /** The default choice: {@code -Denr4j.kernels=native|libtorch}, else libtorch. */
    public static final String PROPERTY = "enr4j.kernels";
    /** {@code -Denr4j.fusedResample=false} keeps libtorch's grid_sample under --kernels native, for A/B runs. */
    private static final boolean FUSED_RESAMPLE = !"false".equals(System.getProperty("enr4j.fusedResample"));
    /**
     * {@code -Denr4j.fusedBias=false} keeps libtorch's matrix product for a channels-last convolution's bias under
     * --kernels native, for A/B runs.
     */
    private static final boolean FUSED_BIAS = !"false".equals(System.getProperty("enr4j.fusedBias"));
    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());

    private static KernelChoice requested = fromProperty();
    private static Resolution onCpu;
    private static Resolution onCuda;
    private static int linesLogged;

    private Kernels() {}

    /** The path chosen and the one-line reason, as logged. */
    public record Resolution(boolean nativeKernels, String line, GroupNormBackend groupNorm,
                             ResampleBackend resample, ChannelBiasBackend channelBias) {}

    /** Asks for {@code choice}; takes effect for the GroupNorms that run from now on. */
    public static synchronized void request(KernelChoice choice) {
        if (choice != requested) {
            requested = choice;
            onCpu = null;
            onCuda = null;
        }
    }

    /** How many path decisions have been logged so far (one per device kind and request). */
    public static synchronized int linesLogged() {
        return linesLogged;
    }

    public static synchronized KernelChoice requested() {
        return requested;
    }

    /**
     * The fused GroupNorm for a tensor on {@code cuda} (false: the CPU), or empty when libtorch's should run.
     * Resolves and logs the path on first use.
     */
    public static Optional<GroupNormBackend> groupNorm(boolean cuda) {
        if (!cuda) {
            resolve(false);
            return Optional.empty();
        }
        return Optional.ofNullable(resolve(true).groupNorm());
    }

    /**
     * The fused volume resampler for a tensor on {@code cuda} (false: the CPU), or empty when libtorch's
     * {@code grid_sample} should run. Resolves and logs the path on first use.
     */
    public static Optional<ResampleBackend> resampler(boolean cuda) {
        if (!cuda) {
            resolve(false);
            return Optional.empty();
        }
        return FUSED_RESAMPLE ? Optional.ofNullable(resolve(true).resample()) : Optional.empty();
    }

    /**
     * The in-place channels-last bias add for a tensor on {@code cuda} (false: the CPU), or empty when libtorch's
     * operators should add it. Resolves and logs the path on first use.
     */
    public static Optional<ChannelBiasBackend> channelBias(boolean cuda) {
        if (!cuda) {
            resolve(false);
            return Optional.empty();
        }
        return FUSED_BIAS ? Optional.ofNullable(resolve(true).channelBias()) : Optional.empty();
    }

    /** Resolves the path for a device (logging it the first time) and returns it. */
    public static synchronized Resolution resolve(boolean cuda) {
        Resolution r = cuda ? onCuda : onCpu;
        if (r == null) {
            r = decide(cuda);
            LOG.log(System.Logger.Level.INFO, r.line());
            linesLogged++;
            if (cuda) {
                onCuda = r;
            } else {
                onCpu = r;
            }
        }
        return r;
    }

    private static Resolution decide(boolean cuda) {
        if (requested == KernelChoice.LIBTORCH) {
            return libtorch("libtorch's (--kernels libtorch)");
        }
        if (!cuda) {
            return libtorch("libtorch's (the fused kernels need a CUDA device; this runs on the CPU)");
        }
        try {
            CudaGroupNorm backend = CudaGroupNorm.load();
            CudaResample resample = CudaResample.load();
            CudaChannelBias bias = CudaChannelBias.load();
            String eager = CudaGraphs.requested() ? ""
                    : "; outside CUDA graphs they cost more to launch than they save: add --graphs on";
            return new Resolution(true, "kernels: enr4j's fused GroupNorm + LeakyReLU, volume resampler and bias add ("
                    + backend.describe() + ")" + eager, backend, resample, bias);
        } catch (UnsatisfiedLinkError e) {
            return libtorch("libtorch's (a CUDA library did not load: " + firstLine(e.getMessage()) + ")");
        } catch (LinkageError e) {
            // NoClassDefFoundError, or ExceptionInInitializerError when a preset class misses the CUDA presets
            return libtorch("libtorch's (the CUDA presets' classes are not on the class path: " + rootCause(e) + ")");
        } catch (RuntimeException e) {
            return libtorch("libtorch's (the fused kernels are unavailable: " + firstLine(e.getMessage()) + ")");
        }
    }

    private static Resolution libtorch(String why) {
        return new Resolution(false, "kernels: " + why, null, null, null);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return firstLine(t.toString());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static KernelChoice fromProperty() {
        String p = System.getProperty(PROPERTY);
        return p == null ? KernelChoice.LIBTORCH : KernelChoice.parse(p);
    }
}
