package enr4j.train;

import enr4j.model.NeuralRenderer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Saves the model users get: the moving average of the weights when {@code use_ema} is on, else the trained
 * weights; nothing on processes that must not write.
 */
final class ModelSaver {
    private final RunDirectory run;
    private final NeuralRenderer model;
    private final WeightAverage average;
    private final TrainingState state;
    private final LossLog log;
    private long savedAtStep = -1;

    ModelSaver(RunDirectory run, NeuralRenderer model, WeightAverage average, TrainingState state, LossLog log) {
        this.run = run;
        this.model = model;
        this.average = average;
        this.state = state;
        this.log = log;
    }

    /** Writes the model into {@code dir} (atomically), unless the last steps were non-finite. */
    void save(Path dir) {
        if (run.readOnly() || !log.healthy()) {
            return;
        }
        averaged(() -> {
            Checkpointer.saveModel(model, dir);
            return null;
        });
        if (dir.equals(run.model())) {
            savedAtStep = state.globalStep;
        }
    }

    /** Saves {@code model/} unless it already holds the current step. */
    void saveModelIfBehind() {
        if (savedAtStep != state.globalStep) {
            save(run.model());
        }
    }

    /** Runs {@code work} with the weights users get in the model. */
    <T> T averaged(Supplier<T> work) {
        return average == null ? work.get() : average.withAverage(work);
    }
}
