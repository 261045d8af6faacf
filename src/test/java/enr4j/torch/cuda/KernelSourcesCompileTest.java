package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CUDA source under the resources is listed in {@link KernelSource#FILES} and, as NVRTC gets it (headers
 * pasted in), compiles with nvcc for sm_90 without warnings (when nvcc is installed), which catches syntax and type
 * errors before a GPU sees them. Also that
 * every kernel {@link CudaGroupNorm} and {@link CudaResample} launch is defined there.
 */
@Tag("fast")
class KernelSourcesCompileTest {
    private static final Path SOURCES = Path.of("src/main/resources/enr4j/torch/cuda");

    @Test
    void everySourceIsListed() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).sorted()
                    .toList();
            assertEquals(KernelSource.FILES.stream().sorted().toList(), onDisk);
        }
    }

    @Test
    void everyLaunchedKernelIsDefined() throws IOException {
        String launcher = Files.readString(Path.of("src/main/java/enr4j/torch/cuda/CudaGroupNorm.java"));
        String source = KernelSource.read("group_norm.cu");
        var names = java.util.regex.Pattern.compile("\"(enr_gn_[a-z_]+)\"( \\+ t)?").matcher(launcher);
        int checked = 0;
        while (names.find()) {
            List<String> variants = names.group(2) == null ? List.of(names.group(1))
                    : List.of(names.group(1) + "f32", names.group(1) + "bf16");
            for (String v : variants) {
                String stem = v.replace("_f32", "_##SUFFIX").replace("_bf16", "_##SUFFIX");
                assertTrue(source.contains("void " + v + "(") || source.contains("void " + stem + "("),
                        v + " is launched but not defined");
                checked++;
            }
        }
        assertTrue(checked >= 10, "found the launches (" + checked + ")");
    }

    @Test
    void everyLaunchedResampleKernelIsDefined() throws IOException {
        String launcher = Files.readString(Path.of("src/main/java/enr4j/torch/cuda/CudaResample.java"));
        String source = KernelSource.read("resample.cu");
        var names = java.util.regex.Pattern.compile("\"enr_(resample_[a-z_]+)_\"").matcher(launcher);
        int checked = 0;
        while (names.find()) {
            String n = names.group(1);
            // defined by name, or generated from its name by ENR_RESAMPLE_KERNEL
            assertTrue(source.contains("void enr_" + n + "_##SUFFIX(") || source.contains("SUFFIX, " + n + ", "),
                    "enr_" + n + "_ is launched but not defined");
            checked++;
        }
        assertTrue(checked >= 5, "found the launches (" + checked + ")");
    }

    @Test
    void everySourceCompilesWithNvcc(@TempDir Path tmp) throws Exception {
        Optional<Path> nvcc = nvcc();
        Assumptions.assumeTrue(nvcc.isPresent(), "nvcc not installed");
        for (String file : KernelSource.FILES) {
            // the text NVRTC gets, headers pasted in, compiled where no header is beside it
            Path source = tmp.resolve(file);
            Files.writeString(source, KernelSource.read(file));
            assertFalse(Files.readString(source).contains("#include"), file + " still includes a header");
            Path out = tmp.resolve(file + ".cubin");
            Process p = new ProcessBuilder(nvcc.get().toString(), "-cubin", "-arch=sm_90", "-Werror", "all-warnings",
                    "-o", out.toString(), source.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out on " + file);
            assertEquals(0, p.exitValue(), file + ":\n" + output);
            assertTrue(Files.size(out) > 1000, "a cubin came out");
        }
    }

    private static Optional<Path> nvcc() {
        String home = System.getenv("CUDA_HOME");
        Stream<Path> candidates = Stream.concat(
                Stream.of(home == null ? null : Path.of(home, "bin", "nvcc"), Path.of("/usr/local/cuda/bin/nvcc")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).map(d -> Path.of(d, "nvcc")));
        return candidates.filter(p -> p != null && Files.isExecutable(p)).findFirst();
    }
}
