package enr4j.train;

/**
 * What happens when losses are read back from the device: the iteration history grows, {@code metrics.csv} gets a
 * row, the progress line moves, and the steps are checked for non-finite values. It also keeps the training clock
 * (time in steps, without saves and validation) for images per second.
 *
 * <p>The check costs no extra host sync: each step's loss terms and gradient sum already sit in the
 * {@link LossBuffer} that is read every {@code log_every} steps and before every save, so a save never
 * follows an unchecked step. A run of {@code max_non_finite_steps} such steps stops training before anything is
 * saved; in a data-parallel run the processes decide together.
 */
final class LossLog {
    private final TrainingState state;
    private final ProgressReporter progress;
    private final MetricsCsv metrics;
    private final DistributedContext dist;
    private final int batchSize;
    private final int maxNonFinite;
    private int badInARow;
    private long firstBad;
    private String badWhat;
    private long windowStart = System.nanoTime();
    private double trainNanos;

    LossLog(TrainingState state, ProgressReporter progress, MetricsCsv metrics, DistributedContext dist, int batchSize,
            int maxNonFinite) {
        this.state = state;
        this.progress = progress;
        this.metrics = metrics;
        this.dist = dist;
        this.batchSize = batchSize;
        this.maxNonFinite = maxNonFinite;
    }

    /** Starts the training clock (epoch start, after saves). */
    void resumeClock() {
        windowStart = System.nanoTime();
    }

    /** False while the last steps read were non-finite (then nothing is saved: the last good state stays). */
    boolean healthy() {
        return badInARow == 0;
    }

    /** Seconds spent in training steps in this invocation. */
    double trainSeconds() {
        return trainNanos / 1e9;
    }

    /**
     * Reads the buffered steps (the last of them is {@code state.globalStep}).
     *
     * @param batchesDone batches done in the current epoch, for the progress line
     * @throws NonFiniteTrainingException when the non-finite steps in a row reach the limit
     */
    void flush(LossBuffer buffer, int batchesDone) {
        int n = buffer.pending();
        // drain() waits for the queued steps to finish on the device: that wait belongs to the steps' time
        float[] v = buffer.drain();
        long now = System.nanoTime();
        double seconds = Math.max((now - windowStart) / 1e9, 1e-9);
        trainNanos += now - windowStart;
        long step = state.globalStep - n;
        boolean stop = false;
        double[] sums = new double[3];
        for (int i = 0; i + LossBuffer.COLUMNS - 1 < v.length; i += LossBuffer.COLUMNS) {
            step++;
            state.iterations.add(v[i], v[i + 1], v[i + 2]);
            for (int k = 0; k < 3; k++) {
                sums[k] += v[i + k];
            }
            boolean lossFinite = Float.isFinite(v[i]) && Float.isFinite(v[i + 1]) && Float.isFinite(v[i + 2]);
            if (lossFinite && Float.isFinite(v[i + 3])) {
                badInARow = 0;
                continue;
            }
            if (badInARow++ == 0) {
                firstBad = step;
                badWhat = lossFinite ? "gradient" : "loss (" + v[i] + ")";
            }
            stop |= badInARow >= maxNonFinite;
        }
        if (dist.any(stop)) {
            throw new NonFiniteTrainingException(firstBad, stop
                    ? "training stopped: non-finite " + badWhat + " at step " + firstBad
                    + (maxNonFinite > 1 ? " and the " + (maxNonFinite - 1) + " steps after it" : "")
                    : "training stopped: another process met non-finite steps (near step " + state.globalStep + ")");
        }
        if (n > 0) {
            double ips = n * batchSize / seconds;
            metrics.append(state.globalStep, new double[] {sums[0] / n, sums[1] / n, sums[2] / n}, ips);
            progress.update(batchesDone, state.globalStep, v[v.length - LossBuffer.COLUMNS], ips);
        }
        windowStart = now;
    }
}
