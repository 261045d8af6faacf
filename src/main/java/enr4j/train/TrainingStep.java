package enr4j.train;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Autocast;
import enr4j.torch.MemoryTags;
import enr4j.torch.Precision;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * One optimisation step of the reference's training: infer scenes, carry each to its partner's pose,
 * swap, render, loss, backward, optimizer step. Nothing here waits for the device: the returned loss
 * terms are tensors the caller reads when it chooses to.
 */
public final class TrainingStep {
    private final NeuralRenderer model;
    private final RenderingLoss loss;
    private final ParameterOptimizer optimizer;
    private final Precision precision;
    private final boolean cuda;

    public TrainingStep(NeuralRenderer model, RenderingLoss loss, ParameterOptimizer optimizer, Precision precision,
                        boolean cuda) {
        if (precision == Precision.BF16 && !(optimizer instanceof FlatAdam)) {
            throw new IllegalArgumentException("bf16 training keeps float32 master weights in FlatAdam; use it");
        }
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.precision = precision;
        this.cuda = cuda;
    }

    public ParameterOptimizer optimizer() {
        return optimizer;
    }

    NeuralRenderer model() {
        return model;
    }

    RenderingLoss loss() {
        return loss;
    }

    Precision precision() {
        return precision;
    }

    /**
     * Runs forward, backward and the optimizer update. Call inside a {@code StepScope}.
     *
     * @param images B x 3 x S x S in [0, 1] on the model's device (pairs of views: 2k and 2k+1)
     * @param poses  B poses
     * @return the loss terms (0-dim device tensors)
     */
    public RenderingLoss.Terms run(Tensor images, List<CameraPose> poses) {
        MemoryTags.tag("zero_grad");
        optimizer.zeroGrad();
        RenderingLoss.Terms terms;
        try (Autocast ac = Autocast.enter(precision, cuda)) {
            MemoryTags.tag("forward");
            Tensor rendered = model.renderSwapped(images.to(precision.computeType()), poses);
            MemoryTags.tag("loss");
            terms = loss.compute(rendered, images);
        }
        backward(terms.total());
        MemoryTags.tag("optimizer");
        optimizer.step();
        return terms;
    }

    /** Backward from {@code total}, its allocations tagged on this thread and on autograd's (see MemoryTags). */
    static void backward(Tensor total) {
        MemoryTags.tag("backward");
        MemoryTags.markBackward(total, "backward:loss").backward();
    }

    /**
     * Renders without training (validation): the same forward pass, no gradients recorded, and only the reference's
     * loss terms (extra terms such as the perceptual loss are not part of validation, so they are not computed).
     */
    public RenderingLoss.Terms evaluate(Tensor images, List<CameraPose> poses) {
        try (org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard();
             Autocast ac = Autocast.enter(precision, cuda)) {
            return loss.computeBase(model.renderSwapped(images.to(precision.computeType()), poses), images);
        }
    }
}
