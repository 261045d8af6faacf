package enr4j.train;

import java.util.Collection;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * libtorch's Adam (betas 0.9, 0.999, eps 1e-8, no weight decay: PyTorch's defaults). Parameters whose
 * gradient is undefined after backward (frozen ones) are skipped and keep their moments.
 */
public final class AdamOptimizer implements ParameterOptimizer {
    private final Adam adam;

    public AdamOptimizer(Collection<Tensor> parameters, double lr) {
        TensorVector params = new TensorVector(parameters.toArray(new Tensor[0]));
        this.adam = new Adam(params, new AdamOptions(lr));
    }

    public Adam adam() {
        return adam;
    }

    @Override
    public void zeroGrad() {
        adam.zero_grad(true);
    }

    @Override
    public void step() {
        adam.step();
    }

    @Override
    public void setLearningRate(double lr) {
        var groups = adam.param_groups();
        for (long i = 0; i < groups.size(); i++) {
            groups.get(i).options().set_lr(lr);
        }
    }
}
