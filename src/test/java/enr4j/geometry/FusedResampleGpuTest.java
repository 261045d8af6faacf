package enr4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.torch.Torch;
import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a CUDA machine: the fused volume resampler's output and volume gradient match libtorch's within the tolerances
 * {@link ResampleKernelCheck} states; the report goes to {@code target/kernel-report/resample.md}. Skipped without
 * CUDA.
 */
@Tag("fast")
class FusedResampleGpuTest {
    @AfterEach
    void restore() {
        Kernels.request(KernelChoice.LIBTORCH);
    }

    @Test
    void fusedResamplerMatchesLibtorchOnTheGpu() {
        Assumptions.assumeTrue(Torch.cudaAvailable(), "no CUDA device");
        assertEquals(List.of(), ResampleKernelCheck.run(Path.of("target/kernel-report/resample.md")));
    }
}
