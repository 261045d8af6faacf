package enr4j.model;

import enr4j.torch.TensorOwner;
import org.bytedeco.pytorch.Tensor;

/**
 * A layer's learnable tensor: the registered float32 parameter (what is saved and what the optimizer
 * updates) and, optionally, a lower-precision copy that the forward pass reads instead (bfloat16
 * training keeps master weights in float32 and computes with the copy).
 */
public final class WeightSlot {
    private final Tensor parameter;
    private final TensorOwner copies = new TensorOwner();
    private Tensor computeCopy;

    WeightSlot(Tensor parameter) {
        this.parameter = parameter;
    }

    /** The registered float32 parameter, same shape as the copy. */
    public Tensor parameter() {
        return parameter;
    }

    /** The tensor the forward pass reads: the compute copy when installed, else the parameter. */
    public Tensor forCompute() {
        return computeCopy != null ? computeCopy : parameter;
    }

    /**
     * Installs (or, with null, removes) a compute copy. The copy must have the parameter's shape; it is
     * kept past the caller's scope until it is replaced.
     */
    public void useComputeCopy(Tensor copy) {
        this.computeCopy = copies.replace(computeCopy, copy);
    }

    public boolean hasComputeCopy() {
        return computeCopy != null;
    }
}
