package enr4j.cli;

import enr4j.torch.Precision;
import enr4j.torch.Torch;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code --device}, {@code --precision} and {@code --kernels} options shared by the commands that run a model. */
final class ComputeOptions {
    @Mixin
    KernelOptions kernels;

    @Option(names = "--device", paramLabel = "cpu|cuda[:N]", description = "where to run (default: cuda when a GPU is present)")
    String device;

    @Option(names = "--precision", paramLabel = "fp32|tf32|bf16|bf16-autocast",
            description = "numeric precision (default: bf16 on CUDA, fp32 on the CPU)")
    String precision;

    /** The device asked for, or the default. */
    String device() {
        return device != null ? device : Torch.defaultDeviceName();
    }

    /** The precision asked for, or the default for {@link #device()}. */
    Precision precision() {
        return precision != null ? Precision.parse(precision) : Precision.defaultFor(device());
    }
}
