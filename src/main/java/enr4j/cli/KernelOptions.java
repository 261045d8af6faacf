package enr4j.cli;

import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --kernels} switch: applied as soon as the command line is parsed. */
final class KernelOptions {
    @Option(names = "--kernels", paramLabel = "native|libtorch", converter = Choice.class,
            description = "GroupNorm + LeakyReLU on enr4j's fused CUDA kernels or on libtorch's "
                    + "(default: libtorch, or -D" + Kernels.PROPERTY + "); the log says which path runs")
    void kernels(KernelChoice choice) {
        Kernels.request(choice);
    }

    static final class Choice implements ITypeConverter<KernelChoice> {
        @Override
        public KernelChoice convert(String value) {
            return KernelChoice.parse(value);
        }
    }
}
