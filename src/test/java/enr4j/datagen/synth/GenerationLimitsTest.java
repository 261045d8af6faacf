package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sizes the renderer cannot hold are refused up front; workers are as many as the heap holds. */
@Tag("fast")
class GenerationLimitsTest {
    private static final long GIB = 1L << 30;

    @Test
    void anImageLargerThanTheRendererHoldsIsRefusedNamingTheLimit() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> GeneratorOptions.builder(Category.CHAIRS).size(20_000).build());
        assertEquals("image size must be at most 4096 pixels and supersampling at most 8, got 20000 and 3",
                e.getMessage());
        assertThrows(DatasetException.class, () -> GeneratorOptions.builder(Category.CHAIRS).supersampling(9).build());
    }

    @Test
    void oneWorkerHoldsItsSupersampledBuffersAndOneScenesImages() {
        GeneratorOptions options = GeneratorOptions.builder(Category.CHAIRS).size(100).supersampling(3).views(10)
                .build();
        // 300 x 300 samples of 16 bytes, and 10 views + the frame being rendered + its copy, 100 x 100 ints each
        assertEquals(300L * 300 * 16 + 12L * 100 * 100 * 4, DatasetGenerator.bytesPerWorker(options));
    }

    @Test
    void workersAreLimitedByTheHeapAndNoneFittingIsAnError() {
        GeneratorOptions options = GeneratorOptions.builder(Category.CHAIRS).size(1024).views(50).threads(16).build();
        long perWorker = DatasetGenerator.bytesPerWorker(options);
        assertEquals(16, DatasetGenerator.workers(options, 64 * GIB));
        assertEquals(2, DatasetGenerator.workers(options, (2 * perWorker + perWorker / 2) * 4 / 3));
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetGenerator.workers(options, perWorker));
        assertTrue(e.getMessage().startsWith("rendering one scene of 50 views at 1024 px needs about "
                + (perWorker >> 20) + " MiB, more than the "), e.getMessage());
    }
}
