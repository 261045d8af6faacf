package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** libtorch's Adam through {@link AdamOptimizer} against Adam computed by hand (betas 0.9, 0.999). */
@Tag("fast")
class AdamOptimizerTest {

    /** PyTorch's Adam on f(p) = p^3 from p0, two steps; beta1/beta2 as given. */
    private static double[] handAdam(double p, double lr, double beta1, double beta2, int steps) {
        double m = 0;
        double v = 0;
        double[] out = new double[steps];
        for (int t = 1; t <= steps; t++) {
            double g = 3 * p * p;
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double mHat = m / (1 - Math.pow(beta1, t));
            double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(beta2, t)) + 1e-8;
            p -= lr * mHat / denom;
            out[t - 1] = p;
        }
        return out;
    }

    @Test
    void twoStepsMatchHandComputedAdam() {
        double lr = 0.1;
        double[] expected = handAdam(1.0, lr, 0.9, 0.999, 2);
        double[] swapped = handAdam(1.0, lr, 0.999, 0.9, 2);
        assertTrue(Math.abs(expected[1] - swapped[1]) > 1e-3, "the test can tell the betas apart");
        try (PointerScope scope = new PointerScope()) {
            Tensor p = Tensor.create(new float[] {1f}).requires_grad_(true);
            AdamOptimizer adam = new AdamOptimizer(List.of(p), lr);
            for (int t = 0; t < 2; t++) {
                adam.zeroGrad();
                p.mul(p).mul(p).sum().backward();
                adam.step();
                assertEquals(expected[t], p.item_double(), 1e-6, "after step " + (t + 1));
            }
        }
    }

    @Test
    void frozenParametersAreSkippedAndLearningRateChanges() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensor.create(new float[] {1f}).requires_grad_(true);
            Tensor b = Tensor.create(new float[] {1f}).requires_grad_(true);
            AdamOptimizer adam = new AdamOptimizer(List.of(a, b), 0.1);
            b.requires_grad_(false);
            adam.setLearningRate(0.01);
            adam.zeroGrad();
            a.mul(b).sum().backward();
            adam.step();
            assertEquals(0.99, a.item_double(), 1e-6);
            assertEquals(1.0, b.item_double(), 0.0);
        }
    }
}
