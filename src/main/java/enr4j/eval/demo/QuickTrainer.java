package enr4j.eval.demo;

import enr4j.data.Batch;
import enr4j.data.BatchLoader;
import enr4j.data.ImageStore;
import enr4j.data.PairSampler;
import enr4j.data.SceneDataset;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.train.AdamOptimizer;
import enr4j.train.RenderingLoss;
import enr4j.train.TrainingStep;
import java.time.Duration;
import java.util.function.Consumer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * A time-bounded CPU training loop for the demo (not {@code enr train}): the reference's loss (L1 + 0.05 (1 - SSIM))
 * and pair sampling, Adam, fp32, one {@code StepScope} per step, stopping at the first step boundary after the
 * time budget.
 */
public final class QuickTrainer {
    /** Summary of a run. */
    public record Result(int steps, int epochs, double seconds, double firstLoss, double lastLoss) {
    }

    private final int batchSize;
    private final double learningRate;
    private final long seed;

    /**
     * @param batchSize    images per step (even)
     * @param learningRate Adam's learning rate
     * @param seed         seed of the pair sampler
     */
    public QuickTrainer(int batchSize, double learningRate, long seed) {
        if (batchSize < 2 || batchSize % 2 != 0) {
            throw new IllegalArgumentException("batch size must be even and >= 2, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /**
     * Trains {@code model} (on the CPU) on {@code dataset} until {@code budget} has passed.
     *
     * @param log receives a progress line every ~10 s
     */
    public Result train(NeuralRenderer model, SceneDataset dataset, Duration budget, Consumer<String> log) {
        ImageStore store = ImageStore.create(dataset);
        PairSampler sampler = PairSampler.forDataset(dataset, batchSize, seed);
        if (sampler.batchesPerEpoch() == 0) {
            throw new IllegalArgumentException("dataset " + dataset.root() + " has fewer than " + batchSize + " images");
        }
        Device cpu = new Device(torch.DeviceType.CPU);
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05),
                new AdamOptimizer(model.namedParameters().values(), learningRate), Precision.FP32, false);
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long nextLog = start + Duration.ofSeconds(10).toNanos();
        int steps = 0;
        int epoch = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        double window = 0;
        int windowSteps = 0;
        while (System.nanoTime() < deadline) {
            try (BatchLoader loader = BatchLoader.forEpoch(store, sampler, epoch)) {
                while (loader.hasNext() && System.nanoTime() < deadline) {
                    try (StepScope scope = StepScope.open()) {
                        Batch batch = loader.next();
                        last = step.run(batch.imagesOn(cpu), batch.poses()).total().item_float();
                    }
                    if (!Double.isFinite(last)) {
                        throw new IllegalStateException("demo training diverged at step " + steps + " (loss " + last + ")");
                    }
                    if (steps == 0) {
                        first = last;
                    }
                    steps++;
                    window += last;
                    windowSteps++;
                    if (System.nanoTime() > nextLog) {
                        log.accept(String.format(java.util.Locale.ROOT, "  step %d, epoch %d, loss %.4f, %.0f s",
                                steps, epoch + 1, window / windowSteps, (System.nanoTime() - start) / 1e9));
                        window = 0;
                        windowSteps = 0;
                        nextLog += Duration.ofSeconds(10).toNanos();
                    }
                }
            }
            epoch++;
        }
        return new Result(steps, epoch, (System.nanoTime() - start) / 1e9, first, last);
    }
}
