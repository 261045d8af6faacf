package enr4j.cli;

import enr4j.torch.ActivationLayout;
import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.CudaGraphs;
import enr4j.torch.cuda.Kernels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The {@code --kernels}, {@code --graphs} and {@code --channels-last} switches: applied as soon as the command line
 * is parsed.
 */
final class KernelOptions {
    @Option(names = "--kernels", paramLabel = "native|libtorch", converter = Choice.class,
            description = "GroupNorm + LeakyReLU on enr4j's fused CUDA kernels or on libtorch's "
                    + "(default: libtorch, or -D" + Kernels.PROPERTY + "); the log says which path runs")
    void kernels(KernelChoice choice) {
        Kernels.request(choice);
    }

    @Option(names = "--graphs", paramLabel = "on|off",
            description = "on CUDA, capture the training step (train, bench) and the renders of inference (evaluate, "
                    + "novel-views, serve, bench) as CUDA graphs and replay them (default: off, or -D"
                    + CudaGraphs.PROPERTY + "); a capture that fails says why and runs eagerly")
    void graphs(String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> CudaGraphs.request(true);
            case "off" -> CudaGraphs.request(false);
            default -> throw new picocli.CommandLine.TypeConversionException(
                    "--graphs takes on or off, got '" + value + "'");
        }
    }

    @Option(names = "--channels-last", negatable = true,
            description = "keep activations in NHWC / NDHWC layouts, so cuDNN's bf16 convolutions convert none "
                    + "(default: off, or -D" + ActivationLayout.PROPERTY + "=true); fastest for training on CUDA "
                    + "with --kernels native --graphs on")
    void channelsLast(boolean on) {
        ActivationLayout.requestChannelsLast(on);
    }

    static final class Choice implements ITypeConverter<KernelChoice> {
        @Override
        public KernelChoice convert(String value) {
            return KernelChoice.parse(value);
        }
    }
}
