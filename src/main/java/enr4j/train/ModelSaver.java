package enr4j.train;

import enr4j.model.ModelFacts;
import enr4j.model.NeuralRenderer;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Saves the model users get: the moving average of the weights when {@code use_ema} is on, else the trained
 * weights; nothing on processes that must not write. Each saved model records its training data and step count
 * (safetensors metadata and model card).
 */
final class ModelSaver {
    private final RunDirectory run;
    private final NeuralRenderer model;
    private final WeightAverage average;
    private final TrainingState state;
    private final LossLog log;
    private final String trainingData;
    private long savedAtStep = -1;

    /** @param trainingData how the model card names the training data (the dataset folder's name) */
    ModelSaver(RunDirectory run, NeuralRenderer model, WeightAverage average, TrainingState state, LossLog log,
               String trainingData) {
        this.run = run;
        this.model = model;
        this.average = average;
        this.state = state;
        this.log = log;
        this.trainingData = trainingData;
    }

    /** Writes the model into {@code dir} (atomically), unless the last steps were non-finite. */
    void save(Path dir) {
        if (run.readOnly() || !log.healthy()) {
            return;
        }
        averaged(() -> {
            Checkpointer.saveModel(model, dir, new ModelFacts(trainingData, state.globalStep, null, null));
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

    /** The training data as a model card names it: the dataset folder and its parent, e.g. {@code chairs64/train}. */
    static String dataName(Path data) {
        Path abs = data.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        return n >= 2 ? abs.subpath(n - 2, n).toString() : String.valueOf(abs.getFileName());
    }

    /** Runs {@code work} with the weights users get in the model. */
    <T> T averaged(Supplier<T> work) {
        return average == null ? work.get() : average.withAverage(work);
    }
}
