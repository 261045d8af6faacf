package enr4j.train;

import enr4j.model.NeuralRenderer;
import java.util.List;

/**
 * The resumable state of a run ({@code state/}): saved at every epoch end, every {@code checkpoint_minutes} inside
 * an epoch, and at a stop. The iteration history is written first and the state last, so the state is the commit
 * point: a resume truncates the histories to what it counted.
 */
final class Checkpoints implements EpochHook {
    private final RunDirectory run;
    private final TrainingState state;
    private final NeuralRenderer model;
    private final FlatAdam optimizer;
    private final List<StepHook> hooks;
    private final LossLog log;
    private final long intervalNanos;
    private long next;

    Checkpoints(RunDirectory run, TrainingState state, NeuralRenderer model, FlatAdam optimizer, List<StepHook> hooks,
                LossLog log, double minutes) {
        this.log = log;
        this.run = run;
        this.state = state;
        this.model = model;
        this.optimizer = optimizer;
        this.hooks = hooks;
        this.intervalNanos = (long) Math.min(minutes * 60e9, Long.MAX_VALUE / 2.0);
        this.next = System.nanoTime() + intervalNanos;
    }

    /** Whether a mid-epoch save is due on this process's clock. */
    boolean due() {
        return System.nanoTime() - next >= 0;
    }

    @Override
    public void afterEpoch(int epoch) {
        save();
    }

    /**
     * Saves the iteration history and the state (call after the losses were read). While the last steps read were
     * non-finite, the previous state stays the resumable one.
     */
    void save() {
        next = System.nanoTime() + intervalNanos;
        if (run.readOnly() || !log.healthy()) {
            return;
        }
        run.writeJson(RunDirectory.LOSS_HISTORY, state.iterations.toJson());
        Checkpointer.saveState(run.state(), state.snapshot(), model, optimizer, hooks);
    }

    /** The state a resume would continue from, in words. */
    String describeSaved() {
        if (!java.nio.file.Files.isDirectory(run.state())) {
            return "no state was saved yet, so the run folder is removed";
        }
        Checkpointer.State s = Checkpointer.readState(run.state());
        return "the last good state (step " + s.globalStep() + ") is kept in " + run.state();
    }
}
