package enr4j.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * LeakyReLU with negative slope 0.2, in place like the reference's {@code LeakyReLU(0.2, True)}: its
 * input is always a fresh GroupNorm output that nothing else reads, and working in place keeps one
 * activation fewer alive for the backward pass. Holds no parameters, so it is not a libtorch module.
 */
public final class LeakyRelu implements Layer {
    /** The negative slope. */
    public static final double SLOPE = 0.2;

    @Override
    public Tensor forward(Tensor x) {
        // A Scalar per call: a static one could be freed by whichever StepScope first loaded this class.
        return torch.leaky_relu_(x, new Scalar(SLOPE));
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        return input;
    }

    @Override
    public String describe() {
        return "LeakyReLU 0.2";
    }

    @Override
    public long parameterCount() {
        return 0;
    }
}
