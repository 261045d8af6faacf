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
 * On a CUDA machine: a channels-last convolution's bias added by enr4j's kernel matches float64 and libtorch's path
 * within the bounds {@link ChannelBiasKernelCheck} states; the report goes to
 * {@code target/kernel-report/channel_bias.md}. Skipped without CUDA.
 */
@Tag("fast")
class ChannelBiasGpuTest {
    @AfterEach
    void restore() {
        Kernels.request(KernelChoice.LIBTORCH);
    }

    @Test
    void biasKernelMatchesFloat64OnTheGpu() {
        Assumptions.assumeTrue(Torch.cudaAvailable(), "no CUDA device");
        assertEquals(List.of(), ChannelBiasKernelCheck.run(Path.of("target/kernel-report/channel_bias.md")));
    }
}
