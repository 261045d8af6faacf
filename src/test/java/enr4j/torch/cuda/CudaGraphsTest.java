package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without a CUDA device a capture gives no graph and one line saying why, and the work it was given never runs. */
@Tag("fast")
class CudaGraphsTest {
    @Test
    void captureWithoutCudaGivesAReasonAndRunsNothing() {
        boolean[] ran = new boolean[1];
        CudaGraphs.Capture c = CudaGraphs.capture(() -> ran[0] = true);
        assertTrue(c.graph().isEmpty(), "no graph without a GPU");
        assertFalse(ran[0], "the work must not run outside a capture");
        assertFalse(c.reason().isBlank(), "a reason is given");
        assertFalse(c.reason().contains("\n"), "the reason is one line: " + c.reason());
    }

    @Test
    void theSwitchTurnsOnAndOff() {
        boolean before = CudaGraphs.requested();
        try {
            CudaGraphs.request(true);
            assertTrue(CudaGraphs.requested());
            CudaGraphs.request(false);
            assertFalse(CudaGraphs.requested());
        } finally {
            CudaGraphs.request(before);
        }
    }
}
