package enr4j.train;

/**
 * Called on the training thread after every epoch, once the epoch's losses are read: run artefacts, validation
 * and the best model, the resumable state. Hooks run in the order they were added.
 */
@FunctionalInterface
public interface EpochHook {
    /** @param epoch the epoch just finished (1-based) */
    void afterEpoch(int epoch);
}
