package enr4j.torch.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CUDA C sources shipped as resources under {@code enr4j/torch/cuda/}, compiled at run time by NVRTC. */
public final class KernelSource {
    /** Every source file; a test compiles each with nvcc. */
    public static final List<String> FILES = List.of("group_norm.cu", "resample.cu");

    private KernelSource() {}

    /** @return the text of {@code file}, one of {@link #FILES} */
    public static String read(String file) {
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
