package enr4j.train;

/**
 * When a run stops before its last epoch: {@code max_steps} (the same step on every process), {@code max_minutes}
 * of this invocation, or a stop request; and when a mid-epoch checkpoint is due. Decided together in a
 * data-parallel run.
 */
final class Budget {
    /** What to do before the next step: stop (a reason) or go on (null), and whether to save the state first. */
    record Decision(Trainer.StopReason stop, boolean checkpoint) {}

    private static final Decision GO_ON = new Decision(null, false);

    private final Long maxSteps;
    private final boolean timed;
    private final long deadline;
    private final int epochs;
    private final DistributedContext dist;

    Budget(TrainingConfig config, DistributedContext dist) {
        Double minutes = config.limits().maxMinutes();
        this.maxSteps = config.limits().maxSteps();
        this.timed = minutes != null;
        this.deadline = timed ? System.nanoTime() + (long) (minutes * 60e9) : 0;
        this.epochs = config.epochs();
        this.dist = dist;
    }

    Decision decide(long globalStep, boolean stopRequested, boolean checkpointDue) {
        if (maxSteps != null && globalStep >= maxSteps) {
            return new Decision(Trainer.StopReason.MAX_STEPS, false);
        }
        boolean[] f = dist.agree(globalStep, stopRequested, timed && System.nanoTime() - deadline >= 0, checkpointDue);
        if (f == null) {
            return GO_ON;
        }
        return new Decision(f[0] ? Trainer.StopReason.INTERRUPTED : f[1] ? Trainer.StopReason.MAX_MINUTES : null, f[2]);
    }

    /** The step the run will end at, for the whole run's ETA. */
    long lastStep(int batchesPerEpoch) {
        long all = (long) epochs * batchesPerEpoch;
        return maxSteps == null ? all : Math.min(all, maxSteps);
    }
}
