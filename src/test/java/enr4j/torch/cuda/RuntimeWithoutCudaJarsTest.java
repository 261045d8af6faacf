package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The default build's runtime class path (target/classpath.txt: no CUDA presets) runs a GroupNorm with
 * {@code --kernels native} asked for: the probe for CUDA falls back with its reason, nothing fails to load; a CUDA
 * graph capture asked for says why there is none.
 */
@Tag("fast")
class RuntimeWithoutCudaJarsTest {
    @Test
    void nativeKernelsAskedForWithoutTheCudaJarsFallBack() throws Exception {
        String runtime = Files.readString(Path.of("target/classpath.txt")).strip();
        assertFalse(runtime.contains("/cuda/"), "the runtime class path has no CUDA presets: " + runtime);
        String cp = String.join(File.pathSeparator, "target/classes", "target/test-classes", runtime);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, CpuKernelProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe timed out");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("kernels: libtorch's ("), out);
        assertTrue(out.contains("shape [2, 8, 3, 3]"), out);
        assertTrue(out.contains("this runs on the CPU"), out);
        assertTrue(out.contains("graph false, work ran false, reason: the CUDA presets' runtime is not on the class path"),
                out);
    }
}
