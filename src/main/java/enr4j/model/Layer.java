package enr4j.model;

import org.bytedeco.pytorch.Tensor;

/** One entry of a layer sequence: maps a batch of feature maps to another and can describe itself. */
public interface Layer {
    /**
     * @param x B x C x spatial
     * @return B x C' x spatial'
     */
    Tensor forward(Tensor x);

    FeatureShape outputShape(FeatureShape input);

    /** A one-line description such as {@code Conv3d 32->128 k4 s2}. */
    String describe();

    /** Trainable parameter count of this layer, sub-layers included. */
    long parameterCount();

    /** Adds this layer's learnable tensors, sub-layers included, in registration order. */
    default void collectWeights(java.util.List<WeightSlot> out) {}

    /** Floating-point operations of one forward pass on one input (a multiply-add counts 2; convolutions only). */
    default long flops(FeatureShape input) {
        return 0;
    }
}
