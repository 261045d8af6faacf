package enr4j.train;

import org.bytedeco.pytorch.Tensor;

/**
 * An extra term of the training loss (e.g. a perceptual loss): {@code total += weight * compute(...)}.
 * Terms are evaluated inside the training step's autocast and {@code StepScope}; they must stay on the
 * device (no host reads).
 */
public interface LossTerm {
    String name();

    double weight();

    /**
     * @param rendered B x 3 x S x S float32 renders
     * @param targets  B x 3 x S x S float32 targets in [0, 1]
     * @return a 0-dim tensor
     */
    Tensor compute(Tensor rendered, Tensor targets);
}
