package enr4j.torch.cuda;

import java.util.Optional;

/**
 * The CUDA-graph switch and capture entry point. Like {@link Kernels}, nothing here names a class of the CUDA
 * presets: {@link CudaGraph} is reached only on a CUDA device with the presets on the class path, and any failure
 * to capture comes back as a one-line reason so the caller runs eagerly instead.
 */
public final class CudaGraphs {
    /** {@code -Denr4j.graphs=on|off}; off unless given. */
    public static final String PROPERTY = "enr4j.graphs";
    private static volatile boolean requested = "on".equalsIgnoreCase(System.getProperty(PROPERTY, "off"));

    private CudaGraphs() {}

    /** Whether work that can be captured should be (the {@code --graphs} switch). */
    public static boolean requested() {
        return requested;
    }

    public static void request(boolean on) {
        requested = on;
    }

    /** A capture attempt: the graph, or why there is none. */
    public record Capture(Optional<CapturedGraph> graph, String reason) {}

    /**
     * Records {@code work} on a side stream into a graph whose intermediates live in a private memory pool. Run
     * {@code work} eagerly a few times first (cuDNN autotuning, cuBLAS handles, lazily made buffers). The work's
     * kernels do not run during capture: replay once to execute it.
     *
     * @param work launches device work only: no host synchronisation, no random numbers, no host-to-device copies
     *             from pageable memory
     */
    public static Capture capture(Runnable work) {
        try {
            return new Capture(Optional.of(CudaGraph.capture(work)), "captured");
        } catch (LinkageError e) {
            return new Capture(Optional.empty(), "the CUDA presets' runtime is not on the class path ("
                    + firstLine(String.valueOf(e.getMessage())) + ")");
        } catch (RuntimeException e) {
            return new Capture(Optional.empty(), firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
