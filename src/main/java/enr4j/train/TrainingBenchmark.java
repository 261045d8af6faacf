package enr4j.train;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelConfig;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A synthetic workload shaped like the reference's: random images, the full training step (inverse
 * render, carry to the partner's pose, swap, render, L1 + 0.05 SSIM, backward, Adam), and inference of
 * one image to 16 novel views.
 */
public final class TrainingBenchmark {
    /** Settings of one benchmark run. */
    public record Settings(ModelConfig config, int batch, Precision precision, String device, int warmup, int steps,
                           int inferenceCalls, boolean libtorchAdam, boolean channelsLast) {}

    /** Measured figures. */
    public record Result(double msPerIteration, double imagesPerSecond, double peakGib, double trainTflops,
                         double inferenceMs, long parameters, double gflopPerIteration) {}

    private TrainingBenchmark() {}

    public static Result run(Settings s) {
        Device device = Torch.device(s.device());
        boolean cuda = s.device().startsWith("cuda");
        s.precision().configure(cuda);
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(s.config());
        model.to(device, false);
        model.setChannelsLast(s.channelsLast());
        ParameterOptimizer optimizer = s.libtorchAdam() ? new AdamOptimizer(model.namedParameters().values(), 2e-4)
                : new FlatAdam(model.weightSlots(), 2e-4, s.precision());
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05), optimizer,
                s.precision(), cuda);
        int size = s.config().imageSize();
        Random rng = new Random(0);
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < s.batch(); i++) {
            poses.add(new CameraPose(rng.nextDouble() * 360 - 180, rng.nextDouble() * 40));
        }
        Tensor images = TensorOwner.pin(torch.rand(s.batch(), 3, size, size).to(device, torch.ScalarType.Float));
        for (int i = 0; i < s.warmup(); i++) {
            try (StepScope scope = StepScope.open()) {
                step.run(images, poses).total().item_float();
            }
        }
        if (cuda) {
            torch.resetPeakStats((byte) 0);
        }
        sync(cuda);
        long t0 = System.nanoTime();
        for (int i = 0; i < s.steps(); i++) {
            try (StepScope scope = StepScope.open()) {
                RenderingLoss.Terms terms = step.run(images, poses);
                if (i == s.steps() - 1) {
                    terms.total().item_float();
                }
            }
        }
        sync(cuda);
        double ms = (System.nanoTime() - t0) / 1e6 / s.steps();
        double peak = cuda ? peakAllocatedGib() : Double.NaN;
        double gflop = 3.0 * model.forwardFlopsPerImage() * s.batch() / 1e9;
        double inference = inferenceMs(model, s, device, cuda);
        return new Result(ms, s.batch() * 1000.0 / ms, peak, gflop / ms, inference, model.parameterCount(), gflop);
    }

    /** One image to 16 novel views: infer once, carry the scene to 16 poses, render them. */
    private static double inferenceMs(NeuralRenderer model, Settings s, Device device, boolean cuda) {
        int size = s.config().imageSize();
        List<CameraPose> from = new ArrayList<>();
        List<CameraPose> to = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            from.add(new CameraPose(0, 0));
            to.add(new CameraPose(i * 22.5, 10));
        }
        long total = 0;
        for (int i = 0; i < s.inferenceCalls() + 5; i++) {
            try (StepScope scope = StepScope.noGrad();
                 enr4j.torch.Autocast ac = enr4j.torch.Autocast.enter(s.precision(), cuda)) {
                Tensor image = torch.rand(1, 3, size, size).to(device, s.precision().computeType());
                sync(cuda);
                long t0 = System.nanoTime();
                Tensor scene = model.inverseRender(image);
                Tensor scenes = scene.expand(new long[] {16, -1, -1, -1, -1}, false);
                Tensor views = model.render(model.transformSourceToTarget(scenes, from, to));
                views.sum().item_float();
                if (i >= 5) {
                    total += System.nanoTime() - t0;
                }
            }
        }
        return total / 1e6 / s.inferenceCalls();
    }

    /** Peak bytes held by libtorch's CUDA allocator since the last reset (needs the CUDA runtime's JNI library). */
    private static double peakAllocatedGib() {
        try {
            return torch.getDeviceStats((byte) 0).allocated_bytes().peak() / (double) (1L << 30);
        } catch (UnsatisfiedLinkError e) {
            System.err.println("peak memory unavailable: " + e.getMessage());
            return Double.NaN;
        }
    }

    private static void sync(boolean cuda) {
        if (cuda) {
            torch.cuda_synchronize();
        }
    }
}
