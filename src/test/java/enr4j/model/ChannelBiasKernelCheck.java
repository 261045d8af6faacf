package enr4j.model;

import static enr4j.testing.KernelErrors.maxError;

import enr4j.io.AtomicFiles;
import enr4j.torch.ActivationLayout;
import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * enr4j's in-place channels-last bias add against float64 on the GPU, through {@link Conv}'s forward pass without
 * gradients (where it replaces libtorch's matrix product): 2D and 3D convolutions of the reference model's scene and
 * image sizes, transposed ones, the renderer's final three channels, and odd channel counts that take the
 * one-element-a-time kernel (12 bfloat16 channels are not whole 16-byte vectors; 4096 are more than 256 of them).
 * Each output must equal float64's sum of the bias-free convolution and the bias within one rounding (bfloat16 2^-8,
 * float32 4 x 2^-23, relative to max(1, max |ref|)) and stay channels-last; libtorch's own path
 * ({@code --kernels libtorch}) is measured beside it. Writes a Markdown report with the errors and the forward times
 * of both paths, returns the failures. Run {@code main} on a GPU host (scripts/gpu/kernels-check.sh).
 */
public final class ChannelBiasKernelCheck {
    private ChannelBiasKernelCheck() {}

    public static void main(String[] args) {
        enr4j.testing.KernelCheckMain.run(args, "channel_bias.md", "bias kernel", ChannelBiasKernelCheck::run);
    }

    /** A convolution and its input: batch, channels in and out, spatial size (2 or 3 dimensions), transposed. */
    record Case(String what, int batch, int in, int out, int size, SpatialDims dims, boolean transposed) {}

    static List<Case> cases() {
        return List.of(new Case("3D, 16 scenes", 16, 32, 64, 32, SpatialDims.THREE, false),
                new Case("3D upsampling", 16, 128, 64, 16, SpatialDims.THREE, true),
                new Case("2D upsampling, one image", 1, 256, 128, 32, SpatialDims.TWO, true),
                new Case("2D downsampling", 16, 64, 128, 64, SpatialDims.TWO, false),
                new Case("odd, 24 channels", 3, 5, 24, 9, SpatialDims.TWO, false),
                new Case("the renderer's output, 3 channels", 16, 128, 3, 128, SpatialDims.TWO, false),
                new Case("12 channels (no whole vectors in bf16)", 2, 8, 12, 7, SpatialDims.THREE, false),
                new Case("4096 channels (too many vectors)", 1, 16, 4096, 4, SpatialDims.TWO, false));
    }

    static List<String> run(Path report) {
        Kernels.request(KernelChoice.NATIVE);
        Kernels.Resolution r = Kernels.resolve(true);
        if (!r.nativeKernels()) {
            return List.of(r.line());
        }
        Device cuda = new Device(torch.DeviceType.CUDA, (byte) 0);
        List<String> failures = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Channels-last bias add against float64\n\n" + r.line()
                + "\n\nErrors: max |y - ref| / max(1, max |ref|), ref = float64 (bias-free convolution + bias); "
                + "libtorch: the same for --kernels libtorch's output. Times: the convolution's forward pass "
                + "without gradients, ms, mean of 20 after 3 warm-ups.\n\n"
                + "| case | input | dtype | error | libtorch error | enr4j ms | libtorch ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        try (NoGradGuard off = new NoGradGuard()) {
            for (Case c : cases()) {
                for (torch.ScalarType type : new torch.ScalarType[] {torch.ScalarType.Float, torch.ScalarType.BFloat16}) {
                    try (PointerScope scope = new PointerScope()) {
                        md.append(check(c, type, cuda, failures)).append('\n');
                    }
                }
            }
        }
        Kernels.request(KernelChoice.LIBTORCH);
        AtomicFiles.write(report.toAbsolutePath(), md.toString().getBytes(StandardCharsets.UTF_8));
        return failures;
    }

    private static String check(Case c, torch.ScalarType type, Device cuda, List<String> failures) {
        torch.manual_seed(5);
        Conv conv = c.transposed() ? Conv.upsample(c.dims(), c.in(), c.out())
                : Conv.conv(c.dims(), c.in(), c.out(), 3, 1, 1, true);
        conv.to(cuda, false);
        List<WeightSlot> slots = new ArrayList<>();
        conv.collectWeights(slots);
        for (WeightSlot slot : slots) {
            slot.useComputeCopy(slot.parameter().to(type)); // what training and inference in bf16 read
        }
        long[] shape = c.dims() == SpatialDims.THREE ? new long[] {c.batch(), c.in(), c.size(), c.size(), c.size()}
                : new long[] {c.batch(), c.in(), c.size(), c.size()};
        Tensor x = torch.randn(shape).to(cuda, type).contiguous(ActivationLayout.format(shape.length));
        Tensor bias = slots.get(1).forCompute();
        long[] biasShape = new long[shape.length];
        java.util.Arrays.fill(biasShape, 1);
        biasShape[1] = c.out();
        Tensor ref = conv.forwardWithoutBias(x).to(torch.ScalarType.Double)
                .add(bias.to(torch.ScalarType.Double).view(biasShape));
        Kernels.request(KernelChoice.NATIVE);
        Tensor fused = conv.forward(x);
        double ms = time(() -> conv.forward(x));
        Kernels.request(KernelChoice.LIBTORCH);
        Tensor lib = conv.forward(x);
        double libMs = time(() -> conv.forward(x));
        Kernels.request(KernelChoice.NATIVE);
        boolean bf16 = type.value == torch.ScalarType.BFloat16.value;
        double tol = bf16 ? 0x1p-8 : 0x1p-23 * 4;
        double err = maxError(fused, ref);
        double libErr = maxError(lib, ref);
        String label = c.what() + " " + type;
        if (!(err <= tol)) {
            failures.add(label + ": error " + err + " > " + tol);
        }
        if (!ActivationLayout.isChannelsLast(fused)) {
            failures.add(label + ": output is not channels-last");
        }
        return String.format("| %s | %s | %s | %.2e | %.2e | %.3f | %.3f |", c.what(), java.util.Arrays.toString(shape),
                bf16 ? "bf16" : "fp32", err, libErr, ms, libMs);
    }

    private static double time(Runnable forward) {
        for (int i = 0; i < 3; i++) {
            try (PointerScope s = new PointerScope()) {
                forward.run();
            }
        }
        torch.cuda_synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            try (PointerScope s = new PointerScope()) {
                forward.run();
            }
        }
        torch.cuda_synchronize();
        return (System.nanoTime() - t0) / 1e6 / 20;
    }
}
