package enr4j.model;

import static enr4j.testing.KernelErrors.maxError;
import static enr4j.testing.KernelErrors.relativeL2;

import enr4j.io.AtomicFiles;
import enr4j.torch.cuda.FusedGroupNorm;
import enr4j.torch.cuda.GroupNormBackend;
import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The fused GroupNorm kernels against a float64 libtorch reference on the GPU: every GroupNorm shape of the
 * reference model at batch 16 and at batch 1 (where the channels-last forward pass is one kernel), odd sizes, one
 * group, one channel per group; float32 and bfloat16, NC... and channels-last; output and the gradients for x,
 * weight and bias. Writes a Markdown report (errors, libtorch's own
 * error for comparison, forward + backward times of both) and returns the failures.
 *
 * <p>Tolerances (errors relative to the reference's scale): float32 output 1e-5, gradients 1e-4 (relative L2);
 * bfloat16 output 2^-7 (one rounding of the output plus float32 arithmetic), gradients 2e-2 (relative L2, dx is
 * rounded to bfloat16 and the inputs are bfloat16). Run {@code main} on a GPU host (scripts/gpu/kernels-check.sh).
 *
 * <p>{@code -Denr4j.check.only=TEXT} keeps the cases whose label contains TEXT (e.g. {@code "[16, 64, 32, 32, 32]
 * G=8 Float channels-last"}) and {@code -Denr4j.check.repeat=N} runs each kept case N times on fresh inputs of the
 * same seed, for hunting an error that comes and goes (scripts/gpu/sanitize-group-norm.sh).
 */
public final class GroupNormKernelCheck {
    private static final int BATCH = 16;
    private static final String ONLY = System.getProperty("enr4j.check.only", "");
    private static final int REPEAT = Integer.getInteger("enr4j.check.repeat", 1);

    private GroupNormKernelCheck() {}

    public static void main(String[] args) {
        enr4j.testing.KernelCheckMain.run(args, "group_norm.md", "GroupNorm kernel", GroupNormKernelCheck::run);
    }

    /** One input: batch, channels, spatial sizes, groups. */
    record Case(String what, long batch, long channels, long[] spatial, int groups) {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (GroupNormShapes.Shape s : GroupNormShapes.of(new NeuralRenderer(ModelConfig.reference()))) {
            long[] spatial = java.util.Arrays.stream(s.input().spatial()).asLongStream().toArray();
            cases.add(new Case("reference", BATCH, s.input().channels(), spatial, s.groups()));
            // one image, as the inverse renderer sees it: small enough for the one-kernel forward pass
            cases.add(new Case("reference, one image", 1, s.input().channels(), spatial, s.groups()));
        }
        cases.add(new Case("odd, one group", 3, 6, new long[] {7, 5}, 1));
        cases.add(new Case("one channel per group", 2, 40, new long[] {9, 11, 13}, 40));
        cases.add(new Case("odd, 3 groups", 5, 96, new long[] {33, 17}, 3));
        cases.add(new Case("1 x 1 spatial", 4, 1024, new long[] {1, 1}, 32));
        cases.add(new Case("odd 3D", 2, 24, new long[] {5, 7, 3}, 4));
        cases.add(new Case("1D, long rows", 1, 8, new long[] {300_007}, 2));
        return cases;
    }

    static List<String> run(Path report) {
        Kernels.request(KernelChoice.NATIVE);
        Kernels.Resolution r = Kernels.resolve(true);
        if (!r.nativeKernels()) {
            return List.of(r.line());
        }
        GroupNormBackend backend = r.groupNorm();
        Device cuda = new Device(torch.DeviceType.CUDA, (byte) 0);
        List<String> failures = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Fused GroupNorm against libtorch (float64 reference)\n\n" + r.line()
                + "\n\nErrors: output max |y - ref| / max(1, max |ref|); gradients ||g - ref|| / ||ref||. "
                + "Times: forward + backward, ms of GPU time (a CUDA graph of both, mean of 20 replays after 3 eager warm-ups).\n\n"
                + "y + pre: the output for x plus a per-channel pre-bias (a convolution's bias folded in, no gradients).\n\n"
                + "| case | shape | groups | dtype | layout | act | y | y + pre | dx | dw | db | libtorch y | fused ms | libtorch ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Case c : cases()) {
            for (torch.ScalarType type : new torch.ScalarType[] {torch.ScalarType.Float, torch.ScalarType.BFloat16}) {
                for (boolean channelsLast : c.spatial().length >= 2 ? new boolean[] {false, true} : new boolean[] {false}) {
                    for (boolean act : new boolean[] {true, false}) {
                        if (!act && !c.what().startsWith("odd")) {
                            continue; // without the activation on the odd shapes only
                        }
                        if (!label(c, type, channelsLast, act).contains(ONLY)) {
                            continue;
                        }
                        for (int i = 0; i < REPEAT; i++) {
                            try (PointerScope scope = new PointerScope()) {
                                md.append(check(backend, cuda, c, type, channelsLast, act, failures)).append('\n');
                            }
                        }
                    }
                }
            }
        }
        AtomicFiles.write(report.toAbsolutePath(), md.toString().getBytes(StandardCharsets.UTF_8));
        return failures;
    }

    private static String check(GroupNormBackend backend, Device cuda, Case c, torch.ScalarType type,
                                boolean channelsLast, boolean act, List<String> failures) {
        long[] dims = dims(c);
        torch.manual_seed(11);
        Tensor plain = torch.randn(dims).mul(new Scalar(2.0)).add(new Scalar(0.7)).to(cuda, type);
        Tensor x0 = channelsLast
                ? plain.contiguous(dims.length == 5 ? torch.MemoryFormat.ChannelsLast3d : torch.MemoryFormat.ChannelsLast)
                : plain;
        Tensor w0 = torch.randn(c.channels()).mul(new Scalar(0.5)).add(new Scalar(1.0)).to(cuda, type);
        Tensor b0 = torch.randn(c.channels()).mul(new Scalar(0.5)).to(cuda, type);
        Tensor dy = awayFromKink(torch.randn(dims).to(cuda, type), x0, w0, b0, c.groups(), act);
        Tensor[] ref = reference(x0, w0, b0, dy, c.groups(), act, torch.ScalarType.Double);
        Tensor[] lib = reference(x0, w0, b0, dy, c.groups(), act, type);
        Tensor x = x0.detach().requires_grad_(true);
        Tensor w = w0.detach().requires_grad_(true);
        Tensor b = b0.detach().requires_grad_(true);
        Tensor y = FusedGroupNorm.apply(backend, x, c.groups(), w, b, 1e-5, act, 0.2);
        backward(y, dy);
        double ey = maxError(y, ref[0]);
        double ep = preBiasError(backend, x0, w0, b0, c.groups(), act);
        double[] eg = {relativeL2(x.grad(), ref[1]), relativeL2(w.grad(), ref[2]), relativeL2(b.grad(), ref[3])};
        boolean bf16 = type.value == torch.ScalarType.BFloat16.value;
        double tolY = bf16 ? 1.0 / 128 : 1e-5;
        double tolG = bf16 ? 2e-2 : 1e-4;
        String shape = java.util.Arrays.toString(dims);
        String label = label(c, type, channelsLast, act);
        if (!(ey <= tolY)) {
            failures.add(label + ": output error " + ey + " > " + tolY);
        }
        if (!(ep <= tolY)) {
            failures.add(label + ": output error with a pre-bias " + ep + " > " + tolY);
        }
        String[] names = {"dx", "dweight", "dbias"};
        for (int i = 0; i < 3; i++) {
            if (!(eg[i] <= tolG)) {
                failures.add(label + ": " + names[i] + " error " + eg[i] + " > " + tolG);
            }
        }
        Timing fused = time(() -> {
            Tensor xx = x0.detach().requires_grad_(true);
            backward(FusedGroupNorm.apply(backend, xx, c.groups(), w, b, 1e-5, act, 0.2), dy);
        });
        Timing libTime = time(() -> reference(x0, w, b, dy, c.groups(), act, type));
        return String.format("| %s | %s | %d | %s | %s | %s | %.2e | %.2e | %.2e | %.2e | %.2e | %.2e | %s | %s |",
                c.what(), shape, c.groups(), bf16 ? "bf16" : "fp32", channelsLast ? "channels-last" : "NC...",
                act ? "yes" : "no", ey, ep, eg[0], eg[1], eg[2], maxError(lib[0], ref[0]), fused, libTime);
    }

    /**
     * dy with zeros where the float64 pre-activation lies within 1e-4 of the LeakyReLU's kink. There float32 and float64
     * may put the same element on different sides (float32 statistics differ from run to run in their last bits, the
     * atomics adding in another order), and each such element moves the float32 gradients by about 1e-4 relative: a
     * difference of rounding, not of the kernels. One element in ten thousand is affected.
     */
    private static Tensor awayFromKink(Tensor dy, Tensor x0, Tensor w0, Tensor b0, int groups, boolean act) {
        if (!act) {
            return dy;
        }
        try (org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor z = torch.group_norm(x0.to(torch.ScalarType.Double), groups,
                    new TensorOptional(w0.to(torch.ScalarType.Double)), new TensorOptional(b0.to(torch.ScalarType.Double)),
                    1e-5, true);
            return dy.masked_fill(z.abs().lt(new Scalar(1e-4)), new Scalar(0.0)).contiguous();
        }
    }

    /** The fused output for x plus a pre-bias (no gradients) against float64 libtorch on the sum. */
    private static double preBiasError(GroupNormBackend backend, Tensor x0, Tensor w0, Tensor b0, int groups,
                                       boolean act) {
        try (org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
            long c = x0.size(1);
            Tensor pre = torch.randn(c).mul(new Scalar(1.5)).to(x0.device(), x0.scalar_type());
            long[] shape = new long[(int) x0.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = c;
            Tensor sum = x0.to(torch.ScalarType.Double).add(pre.to(torch.ScalarType.Double).view(shape));
            Tensor ref = torch.group_norm(sum, groups, new TensorOptional(w0.to(torch.ScalarType.Double)),
                    new TensorOptional(b0.to(torch.ScalarType.Double)), 1e-5, true);
            if (act) {
                ref = torch.leaky_relu(ref, new Scalar(0.2));
            }
            return maxError(FusedGroupNorm.apply(backend, x0, groups, w0, b0, pre, 1e-5, act, 0.2), ref);
        }
    }

    /** The input's shape: batch, channels, spatial sizes. */
    private static long[] dims(Case c) {
        long[] dims = new long[c.spatial().length + 2];
        dims[0] = c.batch();
        dims[1] = c.channels();
        System.arraycopy(c.spatial(), 0, dims, 2, c.spatial().length);
        return dims;
    }

    private static String label(Case c, torch.ScalarType type, boolean channelsLast, boolean act) {
        return c.what() + " " + java.util.Arrays.toString(dims(c)) + " G=" + c.groups() + " " + type
                + (channelsLast ? " channels-last" : "") + (act ? " +LeakyReLU" : "");
    }

    /** libtorch's GroupNorm (+ LeakyReLU) computed in {@code type}: output and the gradients for x, w, b. */
    private static Tensor[] reference(Tensor x0, Tensor w0, Tensor b0, Tensor dy, int groups, boolean act,
                                      torch.ScalarType type) {
        Tensor x = x0.detach().to(type).requires_grad_(true);
        Tensor w = w0.detach().to(type).requires_grad_(true);
        Tensor b = b0.detach().to(type).requires_grad_(true);
        Tensor y = torch.group_norm(x, groups, new TensorOptional(w), new TensorOptional(b), 1e-5, true);
        if (act) {
            y = torch.leaky_relu(y, new Scalar(0.2));
        }
        backward(y, dy.to(type));
        return new Tensor[] {y.detach(), x.grad(), w.grad(), b.grad()};
    }

    private static void backward(Tensor y, Tensor dy) {
        y.backward(dy, new org.bytedeco.pytorch.BoolOptional(), false, new org.bytedeco.pytorch.TensorArrayRefOptional());
    }

    /** A time in ms, and why it was measured eagerly (null: from graph replays). */
    record Timing(double ms, String eagerReason) {
        @Override
        public String toString() {
            return String.format("%.3f", ms) + (eagerReason == null ? "" : " (eager: " + eagerReason + ")");
        }
    }

    /**
     * Forward + backward time in ms: the work captured as a CUDA graph and replayed 20 times, so the figure is GPU
     * time (launch costs from Java would otherwise hide it); measured eagerly, and marked so with the capture's
     * reason, when no graph can be captured.
     */
    private static Timing time(Runnable step) {
        for (int i = 0; i < 3; i++) {
            try (PointerScope s = new PointerScope()) {
                step.run();
            }
        }
        enr4j.torch.cuda.CudaGraphs.Capture c = enr4j.torch.cuda.CudaGraphs.capture(() -> {
            try (PointerScope s = new PointerScope()) {
                step.run();
            }
        });
        torch.cuda_synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            if (c.graph().isPresent()) {
                c.graph().get().replay();
            } else {
                try (PointerScope s = new PointerScope()) {
                    step.run();
                }
            }
        }
        torch.cuda_synchronize();
        double ms = (System.nanoTime() - t0) / 1e6 / 20;
        c.graph().ifPresent(enr4j.torch.cuda.CapturedGraph::close);
        return new Timing(ms, c.graph().isPresent() ? null : c.reason());
    }
}
