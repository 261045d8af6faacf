package enr4j.train;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelConfig;
import enr4j.model.NeuralRenderer;
import enr4j.model.NovelViewGraph;
import enr4j.torch.Tensors;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Torch;
import enr4j.torch.cuda.AllocatorTrace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A synthetic workload shaped like the reference's: random images, the full training step (inverse
 * render, carry to the partner's pose, swap, render, L1 + 0.05 SSIM, backward, Adam), and inference of
 * one image to 16 novel views.
 */
public final class TrainingBenchmark {
    /**
     * Settings of one benchmark run.
     *
     * @param steps       timed training steps; 0 times inference only
     * @param memoryTrace where to write a memory trace of the window the peak is measured over, or null for none
     */
    public record Settings(ModelConfig config, int batch, Precision precision, String device, int warmup, int steps,
                           int inferenceCalls, boolean libtorchAdam, boolean channelsLast, boolean graphs,
                           Path memoryTrace) {}

    /**
     * Measured figures.
     *
     * @param gpuBusyMs the GPU's own time per training step: the step captured as a CUDA graph and replayed back to
     *                  back, so no host launch gaps are left (for a graph row, its step time); NaN on the CPU, with
     *                  libtorch's Adam, or when the capture failed
     * @param graphNodesPerStep kernels and copies per step, counted in the captured graph (0 when none was captured)
     */
    public record Result(double msPerIteration, double imagesPerSecond, double peakGib, double trainTflops,
                         double inferenceMs, double oneViewMs, long parameters, double gflopPerIteration,
                         String eagerReason, long graphNodesPerStep, double gpuBusyMs) {}

    /** Eager steps before the training step is captured. */
    private static final int GRAPH_WARMUP = 3;

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
        RenderingLoss loss = new RenderingLoss(RenderingLoss.Kind.L1, 0.05);
        boolean graphed = s.graphs() && cuda && optimizer instanceof FlatAdam;
        if (s.steps() == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, inferenceMs(model, s, device, cuda, 16),
                    inferenceMs(model, s, device, cuda, 1), model.parameterCount(), Double.NaN, null, 0, Double.NaN);
        }
        TrainingStep eager = new TrainingStep(model, loss, optimizer, s.precision(), cuda);
        GraphedTrainingStep graphedStep = graphed ? new GraphedTrainingStep(eager, GRAPH_WARMUP) : null;
        BiFunction<Tensor, List<CameraPose>, RenderingLoss.Terms> step =
                graphed ? graphedStep::run : eager::run;
        int size = s.config().imageSize();
        Random rng = new Random(0);
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < s.batch(); i++) {
            poses.add(new CameraPose(rng.nextDouble() * 360 - 180, rng.nextDouble() * 40));
        }
        Tensor images = TensorOwner.pin(torch.rand(s.batch(), 3, size, size).to(device, torch.ScalarType.Float));
        // the peak counts one step's working set: after cuDNN's autotuning (eager warm-up steps), and for graphs
        // before the capture, whose allocations are the replays' working set (replays allocate nothing)
        int resetAt = graphed ? Math.min(GRAPH_WARMUP, s.warmup()) : s.warmup();
        AllocatorTrace trace = AllocatorTrace.off();
        for (int i = 0; i < s.warmup(); i++) {
            if (i == resetAt && cuda) {
                trace = resetPeak(s, graphed);
            }
            try (StepScope scope = StepScope.open()) {
                step.apply(images, poses).total().item_float();
            }
        }
        if (cuda && resetAt == s.warmup()) {
            trace = resetPeak(s, graphed);
        } else if (!cuda && s.memoryTrace() != null) {
            System.err.println("memory trace: needs a CUDA device, none written");
        }
        double ms = timeSteps(step, images, poses, s.steps(), cuda);
        double peak = cuda ? peakAllocatedGib() : Double.NaN;
        trace.stop();
        double gflop = 3.0 * model.forwardFlopsPerImage() * s.batch() / 1e9;
        String reason = graphed ? graphedStep.eagerReason() : null;
        long nodes = graphed ? graphedStep.nodesPerStep() : 0;
        double busy = graphed && reason == null ? ms : Double.NaN;
        if (graphed) {
            graphedStep.close();
        } else if (cuda && optimizer instanceof FlatAdam) {
            // an eager row's GPU-busy time: the same step, captured after the timing (the peak is already read)
            try (GraphedTrainingStep probe = new GraphedTrainingStep(eager, GRAPH_WARMUP)) {
                timeSteps(probe::run, images, poses, GRAPH_WARMUP + 2, true);
                double replay = timeSteps(probe::run, images, poses, Math.max(10, s.steps() / 2), true);
                busy = probe.eagerReason() == null ? replay : Double.NaN;
                nodes = probe.eagerReason() == null ? probe.nodesPerStep() : 0;
            }
        }
        double inference = inferenceMs(model, s, device, cuda, 16);
        double oneView = inferenceMs(model, s, device, cuda, 1);
        return new Result(ms, s.batch() * 1000.0 / ms, peak, gflop / ms, inference, oneView, model.parameterCount(),
                gflop, reason, nodes, busy);
    }

    /** Resets the allocator's peak; starts the memory trace, if asked for, over the same window. */
    private static AllocatorTrace resetPeak(Settings s, boolean graphed) {
        torch.resetPeakStats((byte) 0);
        if (s.memoryTrace() == null) {
            return AllocatorTrace.off();
        }
        String steps = graphed ? (s.warmup() - Math.min(GRAPH_WARMUP, s.warmup()) + s.steps())
                + " steps from the one that captures the step as a CUDA graph on (then replays)"
                : s.steps() + " eager steps";
        return AllocatorTrace.start(s.memoryTrace(), String.format(Locale.ROOT,
                "memory trace of enr bench: %s, batch %d, %d px, %s%s; the peak window: %s%n"
                        + "tags: phase[:part.step.substep] of the thread that allocated; backward:* are set on autograd's"
                        + " thread by hooks on the forward outputs' gradient nodes", s.precision().configName(),
                s.batch(), s.config().imageSize(), s.channelsLast() ? "channels-last" : "NC layout",
                graphed ? ", graphs" : "", steps));
    }

    /** Mean milliseconds of {@code n} steps, from an idle device to the last step's end. */
    private static double timeSteps(BiFunction<Tensor, List<CameraPose>, RenderingLoss.Terms> step,
            Tensor images, List<CameraPose> poses, int n, boolean cuda) {
        sync(cuda);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (StepScope scope = StepScope.open()) {
                RenderingLoss.Terms terms = step.apply(images, poses);
                if (i == n - 1) {
                    terms.total().item_float();
                }
            }
        }
        sync(cuda);
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    /** One image to {@code n} novel views: infer once, carry the scene to n poses, render them. */
    private static double inferenceMs(NeuralRenderer model, Settings s, Device device, boolean cuda, int n) {
        int size = s.config().imageSize();
        List<CameraPose> from = new ArrayList<>();
        List<CameraPose> to = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            from.add(new CameraPose(0, 0));
            to.add(new CameraPose(i * 22.5, 10));
        }
        boolean graphed = s.graphs() && cuda;
        NovelViewGraph graph = null;
        long total = 0;
        try (TensorOwner owner = new TensorOwner()) {
            Tensor carry;
            try (StepScope scope = StepScope.noGrad()) {
                carry = owner.take(model.carryMaps(from, to));
                if (graphed) {
                    graph = new NovelViewGraph(model, torch.rand(1, 3, size, size).to(device,
                            s.precision().computeType()), n);
                }
            }
            for (int i = 0; i < s.inferenceCalls() + 5; i++) {
                try (StepScope scope = StepScope.noGrad();
                     enr4j.torch.Autocast ac = enr4j.torch.Autocast.enter(s.precision(), cuda)) {
                    Tensor image = torch.rand(1, 3, size, size).to(device, s.precision().computeType());
                    sync(cuda);
                    long t0 = System.nanoTime();
                    Tensor views;
                    if (graph != null) {
                        views = graph.render(image, carry);
                    } else {
                        views = model.novelViews(image, Tensors.upload(carry, device));
                    }
                    views.sum().item_float();
                    if (i >= 5) {
                        total += System.nanoTime() - t0;
                    }
                }
            }
        } finally {
            if (graph != null) {
                graph.close();
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
