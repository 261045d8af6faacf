package enr4j.train;

/**
 * Where a run is, shared by the loop and its parts: counters, the three loss histories and the best validation
 * loss. {@link #snapshot()} is what a checkpoint saves.
 */
final class TrainingState {
    int epochsDone;
    /** Batches done in epoch {@code epochsDone + 1}. */
    int stepInEpoch;
    long globalStep;
    /** The lowest finite validation total so far, or null. */
    Double bestValTotal;
    final LossHistory iterations;
    final LossHistory epochs;
    final LossHistory validation;

    TrainingState(Checkpointer.State saved, LossHistory iterations, LossHistory epochs, LossHistory validation) {
        this.epochsDone = saved.epochsDone();
        this.stepInEpoch = saved.stepInEpoch();
        this.globalStep = saved.globalStep();
        this.bestValTotal = saved.bestValTotal();
        this.iterations = iterations;
        this.epochs = epochs;
        this.validation = validation;
    }

    static TrainingState fresh() {
        return new TrainingState(new Checkpointer.State(0, 0, 0, 0, 0, null), new LossHistory(), new LossHistory(),
                new LossHistory());
    }

    Checkpointer.State snapshot() {
        return new Checkpointer.State(epochsDone, stepInEpoch, globalStep, iterations.size(), validation.size(),
                bestValTotal);
    }
}
