package enr4j.geometry;

import static enr4j.testing.KernelErrors.maxError;
import static enr4j.testing.KernelErrors.relativeL2;

import enr4j.io.AtomicFiles;
import enr4j.torch.ActivationLayout;
import enr4j.torch.Precision;
import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The fused volume resampler against libtorch's {@code affine_grid} + {@code grid_sample} on the GPU (float32
 * matmuls at full precision, so libtorch's grid is float32 too): the reference model's scene shape at batch 16 and
 * odd shapes; float32 and bfloat16; contiguous and channels-last; trilinear and nearest; rotations with translations
 * that move parts of the volume out of range; one volume expanded over the batch (no gradient). Output and the
 * volumes' gradient. Channel counts cover both channels-last forward kernels: the 16-byte one (C a multiple of 8
 * bfloat16 or 4 float32 channels) and the warp-per-position one it falls back to (5 channels; 4 in bfloat16); every
 * channels-last output must equal, bit for bit, the warp kernel's ({@code -Denr4j.resampleVectors=false}). Writes a
 * Markdown report with the errors and times, returns the failures.
 *
 * <p>Tolerances: float32 output 1e-5 (max error relative to max(1, max |ref|)), gradient 1e-5 (relative L2);
 * bfloat16 output 2^-7 (one rounding), gradient 1e-2 (relative L2). Nearest sampling is compared at positions that
 * are not within 1e-4 voxel of a rounding tie only in the sense that a tie may round either way: its tolerance is
 * the share of differing outputs, at most 1e-4. Run {@code main} on a GPU host (scripts/gpu/kernels-check.sh).
 */
public final class ResampleKernelCheck {
    private ResampleKernelCheck() {}

    public static void main(String[] args) {
        enr4j.testing.KernelCheckMain.run(args, "resample.md", "resampler kernel", ResampleKernelCheck::run);
    }

    /** One input: batch, channels, depth, height, width; expanded: one volume read for every batch item. */
    record Case(String what, int batch, int channels, int depth, int height, int width, boolean expanded) {}

    static List<Case> cases() {
        return List.of(new Case("reference scenes", 16, 64, 32, 32, 32, false),
                new Case("one scene to 16 views", 16, 64, 32, 32, 32, true),
                new Case("odd", 3, 5, 7, 6, 9, false),
                new Case("odd, many channels", 2, 40, 5, 11, 3, false),
                new Case("odd, 24 channels", 3, 24, 5, 7, 9, false),
                new Case("odd, 24 channels, one scene", 3, 24, 5, 7, 9, true),
                new Case("4 channels", 2, 4, 6, 5, 7, false),
                new Case("one voxel deep", 2, 8, 1, 4, 4, false));
    }

    static List<String> run(Path report) {
        Precision.FP32.configure(true);
        Kernels.request(KernelChoice.NATIVE);
        Kernels.Resolution r = Kernels.resolve(true);
        if (!r.nativeKernels()) {
            return List.of(r.line());
        }
        Device cuda = new Device(torch.DeviceType.CUDA, (byte) 0);
        List<String> failures = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Fused volume resampler against libtorch's affine_grid + grid_sample\n\n"
                + r.line() + "\n\nErrors: output max |y - ref| / max(1, max |ref|) (nearest: share of outputs that "
                + "differ); gradient ||g - ref|| / ||ref||. Times: forward + backward (forward only when expanded), "
                + "ms, mean of 20 after 3 warm-ups. Channels-last forward: the kernel the channels choose (16-byte "
                + "or warp), whether its output equals the warp kernel's bit for bit, and forward-only ms of the "
                + "16-byte / warp kernels.\n\n"
                + "| case | shape | dtype | layout | mode | y | dvolumes | fused ms | libtorch ms | forward | = warp "
                + "| 16-byte / warp ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Case c : cases()) {
            for (torch.ScalarType type : new torch.ScalarType[] {torch.ScalarType.Float, torch.ScalarType.BFloat16}) {
                for (boolean last : new boolean[] {false, true}) {
                    for (Interpolation mode : Interpolation.values()) {
                        try (PointerScope scope = new PointerScope()) {
                            compare(c, type, last, mode, cuda, md, failures);
                        }
                    }
                }
            }
        }
        Kernels.request(KernelChoice.LIBTORCH);
        AtomicFiles.write(report, md.toString().getBytes(StandardCharsets.UTF_8));
        return failures;
    }

    private static void compare(Case c, torch.ScalarType type, boolean last, Interpolation mode, Device cuda,
                                StringBuilder md, List<String> failures) {
        torch.manual_seed(11);
        int stored = c.expanded() ? 1 : c.batch();
        Tensor drawn = torch.randn(stored, c.channels(), c.depth(), c.height(), c.width()).to(cuda, type);
        Tensor base = last ? drawn.contiguous(ActivationLayout.format(5)) : drawn;
        Tensor maps = maps(c.batch()).to(cuda, torch.ScalarType.Float);
        Tensor probe = torch.randn(c.batch(), c.channels(), c.depth(), c.height(), c.width()).to(cuda, type);
        boolean grads = !c.expanded();
        Run ref = run(KernelChoice.LIBTORCH, base, c, maps, probe, mode, grads);
        Run fused = run(KernelChoice.NATIVE, base, c, maps, probe, mode, grads);
        boolean bf16 = type.value == torch.ScalarType.BFloat16.value;
        double yErr = mode == Interpolation.NEAREST ? differing(fused.y(), ref.y()) : maxError(fused.y(), ref.y());
        double yTol = mode == Interpolation.NEAREST ? 1e-4 : bf16 ? 0x1p-7 : 1e-5;
        double gErr = grads ? relativeL2(fused.grad(), ref.grad()) : Double.NaN;
        double gTol = mode == Interpolation.NEAREST ? 1e-2 : bf16 ? 1e-2 : 1e-5;
        String name = c.what() + " " + type + (last ? " channels-last" : "") + " " + mode;
        if (!(yErr <= yTol)) {
            failures.add(name + ": output error " + yErr + " > " + yTol);
        }
        if (grads && !(gErr <= gTol)) {
            failures.add(name + ": gradient error " + gErr + " > " + gTol);
        }
        String kernels = "- | - | -";
        if (last) {
            Run vec = run(KernelChoice.NATIVE, base, c, maps, probe, mode, false);
            Run warp = warpKernel(() -> run(KernelChoice.NATIVE, base, c, maps, probe, mode, false));
            boolean same = torch.equal(vec.y(), warp.y());
            if (!same) {
                failures.add(name + ": output differs from the warp kernel's");
            }
            kernels = String.format("%s | %s | %.3f / %.3f", c.channels() % (bf16 ? 8 : 4) == 0 ? "16-byte" : "warp",
                    same ? "yes" : "NO", vec.ms(), warp.ms());
        }
        md.append(String.format("| %s | %dx%dx%dx%dx%d | %s | %s | %s | %.2e | %s | %.3f | %.3f | %s |%n", c.what(),
                c.batch(), c.channels(), c.depth(), c.height(), c.width(), bf16 ? "bf16" : "fp32",
                last ? "channels-last" : "contiguous", mode.name().toLowerCase(), yErr,
                grads ? String.format("%.2e", gErr) : "-", fused.ms(), ref.ms(), kernels));
    }

    /** {@code run} with the 16-byte channels-last forward kernel switched off (CudaResample's property). */
    private static Run warpKernel(java.util.function.Supplier<Run> run) {
        String before = System.setProperty("enr4j.resampleVectors", "false");
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("enr4j.resampleVectors");
            } else {
                System.setProperty("enr4j.resampleVectors", before);
            }
        }
    }

    record Run(Tensor y, Tensor grad, double ms) {}

    private static Run run(KernelChoice choice, Tensor base, Case c, Tensor maps, Tensor probe, Interpolation mode,
                           boolean grads) {
        Kernels.request(choice);
        Tensor y = null;
        Tensor grad = null;
        long total = 0;
        for (int i = 0; i < 23; i++) {
            Tensor leaf = base.detach().requires_grad_(grads);
            Tensor volumes = c.expanded() ? leaf.expand(new long[] {c.batch(), -1, -1, -1, -1}, false) : leaf;
            torch.cuda_synchronize();
            long t0 = System.nanoTime();
            y = VolumeResampler.transformByMaps(volumes, maps, mode);
            if (grads) {
                y.mul(probe).sum().backward();
            }
            torch.cuda_synchronize();
            if (i >= 3) {
                total += System.nanoTime() - t0;
            }
            grad = grads ? leaf.grad().clone() : null;
        }
        return new Run(y.detach(), grad, total / 20e6);
    }

    /** Random rotations (axis and angle) with translations of up to 0.4 of the half extent, as B x 3 x 4. */
    private static Tensor maps(int batch) {
        Random rng = new Random(5);
        float[] m = new float[batch * 12];
        for (int b = 0; b < batch; b++) {
            double[] axis = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            double norm = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
            double angle = rng.nextDouble() * 2 * Math.PI;
            double x = axis[0] / norm, y = axis[1] / norm, z = axis[2] / norm;
            double co = Math.cos(angle), si = Math.sin(angle), t = 1 - co;
            double[][] rot = {{t * x * x + co, t * x * y - si * z, t * x * z + si * y},
                {t * x * y + si * z, t * y * y + co, t * y * z - si * x},
                {t * x * z - si * y, t * y * z + si * x, t * z * z + co}};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[b * 12 + 4 * i + j] = (float) rot[i][j];
                }
                m[b * 12 + 4 * i + 3] = (float) ((rng.nextDouble() * 2 - 1) * 0.4);
            }
        }
        return Tensor.create(m, batch, 3, 4);
    }

    private static double differing(Tensor a, Tensor ref) {
        return a.ne(ref).to(torch.ScalarType.Double).mean().item_double();
    }
}
