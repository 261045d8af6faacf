package enr4j.tools;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelConfig;
import enr4j.model.NeuralRenderer;
import enr4j.model.NovelViewGraph;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.train.FlatAdam;
import enr4j.train.GraphedTrainingStep;
import enr4j.train.RenderingLoss;
import enr4j.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * On a GPU: trains the reference model for STEPS steps from the same initial weights on the same batches three
 * times (eager, eager again, CUDA-graph replays) and prints how far the final weights are apart. Eager against
 * eager is the floor set by the atomics of the backward kernels; the graph must sit at that floor. Then one image to
 * 16 views through {@link NovelViewGraph}: a replay against an eager render of the same image and carry, and a
 * second eager render against the first for the floor there (the fused GroupNorm sums its statistics with float
 * atomics across blocks, so two eager renders differ too). The replay passes when its max |difference| is at most
 * twice that floor or the fixed bound (1e-5 in fp32, 2e-2 in bf16), whichever is larger.
 * Usage: {@code GraphCheck [STEPS] [fp32|bf16 ...]}; ends with GRAPHS OK or GRAPHS FAIL.
 */
public final class GraphCheck {
    private static final int BATCH = 16;

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        List<String> precisions = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("fp32", "bf16");
        Device device = Torch.device("cuda");
        boolean ok = true;
        for (String name : precisions) {
            Precision p = Precision.parse(name);
            p.configure(true);
            float[] a = train(device, p, steps, false);
            float[] b = train(device, p, steps, false);
            float[] g = train(device, p, steps, true);
            float[] init = initial(device);
            double floor = relative(a, b, init);
            double graph = relative(a, g, init);
            boolean pass = graph <= Math.max(2 * floor, 1e-6) + 0.02 * relative(a, init, init);
            System.out.printf("%s, %d steps: |eager - eager| / |update| = %.3e, |eager - graph| / |update| = %.3e,"
                    + " max |eager - graph| = %.3e -> %s%n", name, steps, floor, graph, maxAbs(a, g),
                    pass ? "ok" : "FAIL");
            ok &= pass;
            Views views = novelViews(device, p);
            double bound = Math.max(2 * views.floor(), p == Precision.FP32 ? 1e-5 : 2e-2);
            boolean viewsPass = views.replay() <= bound;
            System.out.printf("%s: novel views, max |eager - eager| = %.3e, max |replay - eager| = %.3e"
                    + " (bound %.3e) -> %s%n", name, views.floor(), views.replay(), bound, viewsPass ? "ok" : "FAIL");
            ok &= viewsPass;
        }
        System.out.println(ok ? "GRAPHS OK" : "GRAPHS FAIL");
    }

    /** Max |difference| of two eager renders of the same views (the floor), and of a replay against the first. */
    private record Views(double floor, double replay) {}

    /** One image to 16 views, eagerly twice and through {@link NovelViewGraph} (second image: a replay). */
    private static Views novelViews(Device device, Precision p) {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(ModelConfig.reference());
        model.to(device, false);
        if (p == Precision.BF16) {
            model.useInferenceCopies(torch.ScalarType.BFloat16);
        }
        int size = model.config().imageSize();
        List<CameraPose> from = new ArrayList<>();
        List<CameraPose> to = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            from.add(new CameraPose(0, 0));
            to.add(new CameraPose(i * 22.5, 10));
        }
        try (StepScope scope = StepScope.noGrad()) {
            Tensor carry = model.carryMaps(from, to);
            torch.manual_seed(5);
            Tensor first = torch.rand(1, 3, size, size).to(device, p.computeType());
            Tensor second = torch.rand(1, 3, size, size).to(device, p.computeType());
            try (NovelViewGraph graph = new NovelViewGraph(model, first, 16)) {
                graph.render(first, carry);
                Tensor replayed = graph.render(second, carry).clone();
                if (graph.eagerReason() != null) {
                    System.out.println("novel-view capture failed: " + graph.eagerReason());
                }
                Tensor maps = Tensors.upload(carry, device);
                Tensor eager = model.novelViews(second, maps);
                Tensor again = model.novelViews(second, maps);
                return new Views(maxAbs(again, eager), maxAbs(replayed, eager));
            }
        }
    }

    private static double maxAbs(Tensor a, Tensor b) {
        return a.to(torch.ScalarType.Float).sub(b.to(torch.ScalarType.Float)).abs().max().item_double();
    }

    private static float[] initial(Device device) {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(ModelConfig.reference());
        return flat(model);
    }

    private static float[] train(Device device, Precision p, int steps, boolean graphed) {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(ModelConfig.reference());
        model.to(device, false);
        FlatAdam adam = new FlatAdam(model.weightSlots(), 2e-4, p);
        adam.keepScalarsOnDevice();
        RenderingLoss loss = new RenderingLoss(RenderingLoss.Kind.L1, 0.05);
        TrainingStep eager = new TrainingStep(model, loss, adam, p, true);
        GraphedTrainingStep graph = graphed ? new GraphedTrainingStep(eager, 3) : null;
        Random rng = new Random(7);
        int size = model.config().imageSize();
        try (TensorOwner owner = new TensorOwner()) {
            List<Tensor> images = new ArrayList<>();
            List<List<CameraPose>> poses = new ArrayList<>();
            try (StepScope scope = StepScope.noGrad()) {
                torch.manual_seed(11);
                for (int i = 0; i < 4; i++) {
                    images.add(owner.take(torch.rand(BATCH, 3, size, size).to(device, torch.ScalarType.Float)));
                    List<CameraPose> batch = new ArrayList<>();
                    for (int j = 0; j < BATCH; j++) {
                        batch.add(new CameraPose(rng.nextDouble() * 360 - 180, rng.nextDouble() * 40));
                    }
                    poses.add(batch);
                }
            }
            for (int s = 0; s < steps; s++) {
                try (StepScope scope = StepScope.open()) {
                    Tensor x = images.get(s % 4);
                    if (graph != null) {
                        graph.run(x, poses.get(s % 4));
                    } else {
                        eager.run(x, poses.get(s % 4));
                    }
                }
            }
            torch.cuda_synchronize();
            if (graph != null) {
                if (graph.eagerReason() != null) {
                    System.out.println("graph capture failed: " + graph.eagerReason());
                }
                graph.close();
            }
            return flat(model);
        }
    }

    private static float[] flat(NeuralRenderer model) {
        try (StepScope scope = StepScope.noGrad()) {
            List<Tensor> parts = new ArrayList<>();
            model.namedParameters().values().forEach(t -> parts.add(t.detach().flatten().to(torch.ScalarType.Float)));
            return Tensors.toFloats(torch.cat(new org.bytedeco.pytorch.TensorVector(parts.toArray(new Tensor[0]))));
        }
    }

    /** |a - b| / |a - init| in the L2 norm. */
    private static double relative(float[] a, float[] b, float[] init) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (double) (a[i] - b[i]);
            den += (a[i] - init[i]) * (double) (a[i] - init[i]);
        }
        return Math.sqrt(num / Math.max(den, 1e-30));
    }

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
