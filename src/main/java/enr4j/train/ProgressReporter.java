package enr4j.train;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar per epoch on a terminal, plain lines otherwise, or nothing. Both show the
 * epoch's time left and the whole run's (to the last epoch or the step budget, whichever comes first).
 */
public interface ProgressReporter {
    /**
     * Called once before the first epoch of an invocation.
     *
     * @param stepsDone  optimizer steps already done (resume)
     * @param stepsTotal steps at which the run will end
     */
    default void startRun(long stepsDone, long stepsTotal) {}

    /** @param startBatch batches already done in this epoch (resume) */
    void startEpoch(int epoch, int epochs, int batches, int startBatch);

    /**
     * Called when losses were read from the device.
     *
     * @param globalStep optimizer steps done in the whole run
     */
    void update(int batchesDone, long globalStep, double loss, double imagesPerSecond);

    /** A line of its own (epoch summaries, validation, saves). */
    void message(String line);

    void endEpoch();

    /** A bar on an interactive terminal, lines otherwise (a pipe, a file, {@code TERM=dumb}). */
    static ProgressReporter console() {
        return enr4j.io.Terminal.interactive() ? new Bar(System.out) : new Lines(System.out, Duration.ofSeconds(10));
    }

    static ProgressReporter silent() {
        return new ProgressReporter() {
            @Override
            public void startEpoch(int epoch, int epochs, int batches, int startBatch) {}

            @Override
            public void update(int batchesDone, long globalStep, double loss, double imagesPerSecond) {}

            @Override
            public void message(String line) {}

            @Override
            public void endEpoch() {}
        };
    }

    /** me.tongfei progress bar with loss and images/s; ETA from the bar. */
    final class Bar implements ProgressReporter {
        private final PrintStream out;
        private final RunClock clock = new RunClock();
        private ProgressBar bar;

        public Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        public void startEpoch(int epoch, int epochs, int batches, int startBatch) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).startsFrom(startBatch, Duration.ZERO).build();
        }

        @Override
        public void startRun(long stepsDone, long stepsTotal) {
            clock.start(stepsDone, stepsTotal);
        }

        @Override
        public void update(int batchesDone, long globalStep, double loss, double imagesPerSecond) {
            if (bar != null) {
                bar.stepTo(batchesDone);
                bar.setExtraMessage(String.format("loss %.4f, %.1f img/s, run eta %s", loss, imagesPerSecond,
                        RunClock.format(clock.secondsLeft(globalStep))));
            }
        }

        @Override
        public void message(String line) {
            out.println(line);
        }

        @Override
        public void endEpoch() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** One line at most every {@code interval}, for logs. */
    final class Lines implements ProgressReporter {
        private final PrintStream out;
        private final long intervalNanos;
        private long lastPrint;
        private int epoch;
        private int epochs;
        private int batches;
        private int startBatch;
        private long epochStart;
        private final RunClock clock = new RunClock();

        public Lines(PrintStream out, Duration interval) {
            this.out = out;
            this.intervalNanos = interval.toNanos();
        }

        @Override
        public void startRun(long stepsDone, long stepsTotal) {
            clock.start(stepsDone, stepsTotal);
        }

        @Override
        public void startEpoch(int epoch, int epochs, int batches, int startBatch) {
            this.epoch = epoch;
            this.epochs = epochs;
            this.batches = batches;
            this.startBatch = startBatch;
            this.epochStart = System.nanoTime();
            this.lastPrint = epochStart;
        }

        @Override
        public void update(int batchesDone, long globalStep, double loss, double imagesPerSecond) {
            long now = System.nanoTime();
            if (now - lastPrint < intervalNanos && batchesDone < batches) {
                return;
            }
            lastPrint = now;
            double perBatch = (now - epochStart) / 1e9 / Math.max(1, batchesDone - startBatch);
            long eta = Math.round(perBatch * (batches - batchesDone));
            out.printf("epoch %d/%d  %d/%d  loss %.4f  %.1f img/s  eta %d:%02d  run eta %s%n", epoch, epochs,
                    batchesDone, batches, loss, imagesPerSecond, eta / 60, eta % 60,
                    RunClock.format(clock.secondsLeft(globalStep)));
        }

        @Override
        public void message(String line) {
            out.println(line);
        }

        @Override
        public void endEpoch() {}
    }

    /** The whole run's time left, from this invocation's pace. */
    final class RunClock {
        private long startNanos;
        private long firstStep;
        private long lastStep;

        void start(long stepsDone, long stepsTotal) {
            startNanos = System.nanoTime();
            firstStep = stepsDone;
            lastStep = stepsTotal;
        }

        double secondsLeft(long globalStep) {
            return secondsLeft(globalStep - firstStep, (System.nanoTime() - startNanos) / 1e9, lastStep - globalStep);
        }

        /** @return seconds for {@code stepsLeft} at the pace of {@code stepsDone} in {@code elapsed}; NaN if unknown */
        static double secondsLeft(long stepsDone, double elapsed, long stepsLeft) {
            return stepsDone <= 0 ? Double.NaN : elapsed / stepsDone * Math.max(0, stepsLeft);
        }

        /** {@code h:mm:ss}, or {@code ?} when not known yet. */
        static String format(double seconds) {
            if (!Double.isFinite(seconds)) {
                return "?";
            }
            long s = Math.round(seconds);
            return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
    }
}
