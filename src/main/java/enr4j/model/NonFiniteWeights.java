package enr4j.model;

import enr4j.torch.StepScope;
import java.io.PrintStream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Weights that are NaN or infinite (a diverged training run): such a model loads, but renders nothing useful, so
 * loading one says so in one line.
 */
public final class NonFiniteWeights {
    private NonFiniteWeights() {}

    /** How many parameter and buffer elements of {@code model} are not finite. */
    public static long count(NeuralRenderer model) {
        long bad = 0;
        try (StepScope scope = StepScope.noGrad()) {
            for (Tensor t : model.stateDict().values()) {
                if (t.is_floating_point()) {
                    bad += t.numel() - torch.isfinite(t).sum().item_long();
                }
            }
        }
        return bad;
    }

    /** Prints a one-line warning to standard error when {@code model} holds non-finite weights. */
    static void warnIfAny(NeuralRenderer model, String source) {
        warnIfAny(model, source, System.err);
    }

    static void warnIfAny(NeuralRenderer model, String source, PrintStream err) {
        long bad = count(model);
        if (bad > 0) {
            err.println("enr: warning: " + source + ": " + bad + " weights are not finite (NaN or infinite), as after"
                    + " a diverged training run");
        }
    }
}
