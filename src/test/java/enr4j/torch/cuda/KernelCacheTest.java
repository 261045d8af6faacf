package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled kernels are stored per source, architecture and compiler, and read back instead of compiling again. */
@Tag("fast")
class KernelCacheTest {
    @Test
    void compilesOnceThenReadsFromDisk(@TempDir Path dir) {
        KernelCache cache = new KernelCache(dir.resolve("kernels"));
        AtomicInteger compiles = new AtomicInteger();
        byte[] first = cache.get("a.cu", "src", "sm_90", "NVRTC 13.0", () -> {
            compiles.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        byte[] second = cache.get("a.cu", "src", "sm_90", "NVRTC 13.0", () -> {
            compiles.incrementAndGet();
            return new byte[] {9};
        });
        assertArrayEquals(new byte[] {1, 2, 3}, first);
        assertArrayEquals(first, second);
        assertEquals(1, compiles.get());
        assertTrue(Files.isRegularFile(cache.fileFor("a.cu", "src", "sm_90", "NVRTC 13.0")));
    }

    @Test
    void anotherSourceArchitectureOrCompilerIsAnotherFile(@TempDir Path dir) {
        KernelCache cache = new KernelCache(dir);
        Path base = cache.fileFor("a.cu", "src", "sm_90", "NVRTC 13.0");
        assertTrue(base.getFileName().toString().matches("a-sm_90-[0-9a-f]{16}\\.cubin"), base.toString());
        assertNotEquals(base, cache.fileFor("a.cu", "src2", "sm_90", "NVRTC 13.0"));
        assertNotEquals(base, cache.fileFor("a.cu", "src", "sm_80", "NVRTC 13.0"));
        assertNotEquals(base, cache.fileFor("a.cu", "src", "sm_90", "NVRTC 13.1"));
    }

    @Test
    void anUnwritableCacheStillGivesTheBinary(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        KernelCache cache = new KernelCache(blocker.resolve("kernels"));
        assertArrayEquals(new byte[] {4}, cache.get("a.cu", "s", "sm_90", "c", () -> new byte[] {4}));
    }
}
