package enr4j.train;

import enr4j.io.AtomicDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.model.ModelFacts;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import enr4j.torch.io.SafeTensors;

/**
 * Saves and restores models and the full training state. {@code model/} and {@code best_model/} are in
 * {@link ModelFiles}' directory format; {@code state/} holds {@code model/} (weights), {@code optimizer.safetensors}
 * (Adam's moments and step counts) and {@code trainer.json} (counters, best validation),
 * plus whatever the step hooks save. Each folder is replaced atomically as a whole.
 */
public final class Checkpointer {
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String TRAINER_FILE = "trainer.json";

    /**
     * The counters of a run at a save point.
     *
     * @param epochsDone   completed epochs
     * @param stepInEpoch  batches done in epoch {@code epochsDone + 1} (0 at an epoch boundary)
     * @param globalStep   optimizer steps done
     * @param iterations   entries of the per-iteration loss history (equals globalStep)
     * @param valEpochs    entries of the validation history
     * @param bestValTotal lowest validation total so far, or null
     */
    public record State(int epochsDone, int stepInEpoch, long globalStep, int iterations, int valEpochs,
                        Double bestValTotal) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("format", 1);
            o.put("epochs_done", epochsDone);
            o.put("step_in_epoch", stepInEpoch);
            o.put("global_step", globalStep);
            o.put("iterations", iterations);
            o.put("val_epochs", valEpochs);
            if (bestValTotal != null) {
                o.put("best_val_total", bestValTotal);
            } else {
                o.putNull("best_val_total");
            }
            return o;
        }

        /**
         * @throws IllegalArgumentException naming the file and the field when it is missing or malformed
         */
        static State fromJson(JsonNode o, String source) {
            if (o == null || !o.isObject()) {
                throw new IllegalArgumentException(source + ": expected a JSON object (a trainer state)");
            }
            if (!o.path("format").isInt() || o.get("format").intValue() != 1) {
                throw new IllegalArgumentException(source + ": \"format\" must be 1, got " + o.get("format"));
            }
            JsonNode best = o.get("best_val_total");
            if (best != null && !best.isNull() && !best.isNumber()) {
                throw new IllegalArgumentException(source + ": \"best_val_total\" must be a number or null, got "
                        + best);
            }
            return new State((int) count(o, "epochs_done", source), (int) count(o, "step_in_epoch", source),
                    count(o, "global_step", source), (int) count(o, "iterations", source),
                    (int) count(o, "val_epochs", source), best == null || best.isNull() ? null : best.asDouble());
        }

        private static long count(JsonNode o, String field, String source) {
            JsonNode v = o.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() && !field.equals("global_step")
                    || v.longValue() < 0) {
                throw new IllegalArgumentException(source + ": \"" + field + "\" must be a count (an integer >= 0), got "
                        + (v == null ? "nothing" : v));
            }
            return v.longValue();
        }
    }

    private Checkpointer() {}

    /** Writes {@code model} to {@code dir} in the model directory format, atomically. */
    public static void saveModel(NeuralRenderer model, Path dir) {
        saveModel(model, dir, ModelFacts.NONE);
    }

    /** Writes {@code model} with what is known of its training (metadata and model card), atomically. */
    public static void saveModel(NeuralRenderer model, Path dir, ModelFacts facts) {
        AtomicDirectory.replace(dir, d -> ModelFiles.save(model, d, facts));
    }

    /** Writes the whole training state into {@code dir}, atomically. */
    public static void saveState(Path dir, State state, NeuralRenderer model, FlatAdam optimizer,
                                 List<StepHook> hooks) {
        AtomicDirectory.replace(dir, d -> {
            Files.createDirectories(d);
            ModelFiles.save(model, d.resolve("model"));
            SafeTensors.write(d.resolve(OPTIMIZER_FILE), optimizer.state());
            for (StepHook h : hooks) {
                h.save(d);
            }
            RunDirectory.writeJson(d.resolve(TRAINER_FILE), state.toJson(), true);
        });
    }

    public static State readState(Path dir) {
        Path f = dir.resolve(TRAINER_FILE);
        return State.fromJson(RunDirectory.readJson(f), f.toString());
    }

    /** The weights saved in a state folder (a new model on the CPU). */
    public static NeuralRenderer loadModel(Path stateDir) {
        return ModelFiles.load(stateDir.resolve("model"));
    }

    /** Restores Adam's moments and step counts (onto the optimizer's device). */
    public static void loadOptimizer(Path stateDir, FlatAdam optimizer) {
        optimizer.loadState(SafeTensors.read(stateDir.resolve(OPTIMIZER_FILE)).tensors());
    }
}
