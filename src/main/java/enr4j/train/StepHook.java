package enr4j.train;

import java.nio.file.Path;

/**
 * Called on the training thread after every optimizer step (e.g. an exponential moving average of the
 * weights). Hooks that carry state save it into the run's {@code state/} folder and read it back on resume.
 */
public interface StepHook {
    /** @param globalStep steps done so far, this one included */
    void afterStep(long globalStep);

    /** Writes the hook's state into {@code stateDir} (a folder being built; atomic as a whole). */
    default void save(Path stateDir) {}

    /** Reads what {@link #save} wrote. */
    default void load(Path stateDir) {}
}
