package enr4j.model;

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
 * On a CUDA machine: the fused GroupNorm's output and gradients match libtorch's within the tolerances
 * {@link GroupNormKernelCheck} states, on every GroupNorm shape of the reference model and the odd ones; the report
 * goes to {@code target/kernel-report/group_norm.md}. Skipped without CUDA.
 */
@Tag("fast")
class FusedGroupNormGpuTest {
    @AfterEach
    void restore() {
        Kernels.request(KernelChoice.LIBTORCH);
    }

    @Test
    void fusedGroupNormMatchesLibtorchOnTheGpu() {
        Assumptions.assumeTrue(Torch.cudaAvailable(), "no CUDA device");
        List<String> failures = GroupNormKernelCheck.run(Path.of("target/kernel-report/group_norm.md"));
        assertEquals(List.of(), failures);
    }
}
