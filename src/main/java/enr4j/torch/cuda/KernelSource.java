package enr4j.torch.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CUDA C sources shipped as resources under {@code enr4j/torch/cuda/}, compiled at run time by NVRTC. A source's
 * {@code #include "NAME"} of one of {@link #HEADERS} is replaced by that header's text, so NVRTC gets (and the kernel
 * cache hashes) one self-contained source.
 */
public final class KernelSource {
    /** Every source file; a test compiles each with nvcc. */
    public static final List<String> FILES = List.of("channel_bias.cu", "group_norm.cu", "resample.cu");
    /** The headers the sources include. */
    public static final List<String> HEADERS = List.of("elements.cuh");

    private KernelSource() {}

    /** @return the text of {@code file}, one of {@link #FILES}, with its headers pasted in */
    public static String read(String file) {
        StringBuilder out = new StringBuilder();
        for (String line : raw(file).split("\n", -1)) {
            String included = line.startsWith("#include \"") ? line.substring(10, line.length() - 1) : null;
            out.append(included != null && HEADERS.contains(included) ? raw(included) : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String raw(String file) {
        try (InputStream in = KernelSource.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source enr4j/torch/cuda/" + file + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source enr4j/torch/cuda/" + file, e);
        }
    }
}
