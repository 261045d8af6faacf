package enr4j.api;

/**
 * What a {@link Training} run reports, on the training thread. Every method has an empty default: implement the ones
 * you need. Keep them quick: the next step waits for them.
 */
public interface TrainingListener {
    /**
     * An epoch begins.
     *
     * @param epoch        1-based
     * @param epochs       epochs of the whole run
     * @param batches      batches of this epoch
     * @param batchesDone  batches already done before this invocation (a resumed epoch), else 0
     */
    default void epochStarted(int epoch, int epochs, int batches, int batchesDone) {}

    /**
     * Losses were read back from the device (every {@code log_every} steps).
     *
     * @param batchesDone     batches done in this epoch
     * @param loss            total training loss of the last step
     * @param imagesPerSecond training throughput since the previous report
     */
    default void progress(int batchesDone, double loss, double imagesPerSecond) {}

    /** A line the command line would print (epoch summaries, validation losses, saved models). */
    default void message(String line) {}

    /** The current epoch ended. */
    default void epochFinished() {}
}
