package enr4j.train;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Autocast;
import enr4j.torch.MemoryTags;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.cuda.CapturedGraph;
import enr4j.torch.cuda.CudaGraphs;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The whole training step (forward, loss, backward, {@link FlatAdam}'s update) captured once as a CUDA graph and
 * replayed for every later step: one launch instead of about three thousand. The batch is copied into fixed device
 * tensors before each replay, and the loss terms land in fixed tensors the caller reads when it chooses (they are
 * overwritten by the next step: copy what must be kept, as {@link LossBuffer} does).
 *
 * <p>The first {@code warmup} steps run eagerly (cuDNN picks its algorithms, buffers are made), then the step is
 * captured. It is captured again, after one more eager step, when the batch shape or the set of trainable parameters
 * changes; the learning rate lives in a device tensor, so a schedule needs no new capture. When a capture fails the step stays eager
 * and {@link #eagerReason()} says why in one line.
 */
public final class GraphedTrainingStep implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GraphedTrainingStep.class.getName());

    private final NeuralRenderer model;
    private final RenderingLoss loss;
    private final FlatAdam adam;
    private final Precision precision;
    private final TrainingStep eager;
    private final int warmup;
    private final TensorOwner owner = new TensorOwner();
    private Tensor images;
    private Tensor maps;
    private Tensor partners;
    private RenderingLoss.Terms terms;
    private CapturedGraph graph;
    private boolean[] trainableAtCapture;
    private String eagerReason;
    private int eagerSteps;
    private int captures;

    /**
     * @param eager  the step to capture (its optimizer must be a {@link FlatAdam}); it also runs the eager steps
     * @param warmup eager steps before the first capture (at least 1)
     */
    public GraphedTrainingStep(TrainingStep eager, int warmup) {
        if (!(eager.optimizer() instanceof FlatAdam flat)) {
            throw new IllegalArgumentException("a captured step needs the flat Adam, whose scalars can live on the GPU");
        }
        this.eager = eager;
        this.model = eager.model();
        this.loss = eager.loss();
        this.adam = flat;
        this.precision = eager.precision();
        this.warmup = Math.max(1, warmup);
        adam.keepScalarsOnDevice();
    }

    /**
     * Runs one step. Call inside a {@code StepScope}.
     *
     * @param batchImages B x 3 x S x S float32 in [0, 1] on the GPU (pairs of views: 2k and 2k+1)
     * @param poses       B poses
     * @return the loss terms (0-dim device tensors, valid until the next call)
     */
    public RenderingLoss.Terms run(Tensor batchImages, List<CameraPose> poses) {
        if (graph != null && (!sameShape(batchImages) || !Arrays.equals(adam.trainableNow(), trainableAtCapture))) {
            release();
            eagerSteps = warmup - 1; // one eager step first: layers that start training have never been autotuned
        }
        if (eagerReason != null || eagerSteps < warmup) {
            eagerSteps++;
            return eager.run(batchImages, poses);
        }
        NeuralRenderer.SwapInputs in = model.swapInputs(poses);
        if (graph == null) {
            MemoryTags.tag("graph_inputs");
            allocateInputs(batchImages);
        }
        images.copy_(batchImages);
        Tensors.copyFromHost(maps, in.maps());
        Tensors.copyFromHost(partners, in.partners());
        if (graph == null && !capture()) {
            eagerSteps++;
            return eager.run(batchImages, poses);
        }
        graph.replay();
        return terms;
    }

    /** Why steps run eagerly, or null while they are captured (or still warming up). */
    public String eagerReason() {
        return eagerReason;
    }

    /** Kernels, memsets and copies per replayed step (0 before the first capture). */
    public long nodesPerStep() {
        return graph == null ? 0 : graph.nodeCount();
    }

    /** How many times the step was captured so far. */
    public int captures() {
        return captures;
    }

    private boolean capture() {
        adam.zeroGrad(); // mirrors requires_grad into the optimizer's mask now, outside the capture
        trainableAtCapture = adam.trainableNow();
        RenderingLoss.Terms[] out = new RenderingLoss.Terms[1];
        CudaGraphs.Capture c = CudaGraphs.capture(() -> {
            try (StepScope scope = StepScope.open()) {
                MemoryTags.tag("zero_grad");
                adam.zeroGrad();
                RenderingLoss.Terms t;
                try (Autocast ac = Autocast.enter(precision, true)) {
                    MemoryTags.tag("forward");
                    Tensor rendered = model.renderSwapped(images.to(precision.computeType()), maps, partners);
                    MemoryTags.tag("loss");
                    t = loss.compute(rendered, images);
                }
                TrainingStep.backward(t.total());
                MemoryTags.tag("optimizer");
                adam.step();
                out[0] = new RenderingLoss.Terms(owner.take(t.total().detach()), owner.take(t.regression().detach()),
                        owner.take(t.ssim().detach()));
            }
        });
        if (c.graph().isEmpty()) {
            eagerReason = c.reason();
            LOG.log(System.Logger.Level.WARNING, "training steps run eagerly: " + eagerReason);
            return false;
        }
        graph = c.graph().get();
        terms = out[0];
        captures++;
        LOG.log(System.Logger.Level.INFO, "training step captured as a CUDA graph (capture " + captures + ")");
        return true;
    }

    private void allocateInputs(Tensor batchImages) {
        try (StepScope scope = StepScope.noGrad()) {
            images = owner.take(torch.empty_like(batchImages));
            long b = batchImages.size(0);
            maps = owner.take(torch.zeros(b, 3, 4).to(batchImages.device(), torch.ScalarType.Float));
            partners = owner.take(torch.zeros(b).to(batchImages.device(), torch.ScalarType.Long));
        }
    }

    private boolean sameShape(Tensor batchImages) {
        return Arrays.equals(batchImages.shape(), images.shape())
                && batchImages.scalar_type().value == images.scalar_type().value;
    }

    private void release() {
        graph.close();
        graph = null;
        owner.close();
        terms = null;
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
        owner.close();
    }
}
