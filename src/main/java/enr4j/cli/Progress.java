package enr4j.cli;

import enr4j.io.Terminal;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on stderr: a bar redrawn in place on an interactive terminal, otherwise a plain line at
 * most every {@value #LINE_INTERVAL_SECONDS} s and one at the end, with no control codes, for logs and pipes.
 */
final class Progress implements AutoCloseable {
    static final int LINE_INTERVAL_SECONDS = 10;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream lines;
    private final ProgressBar bar;
    private long lastLine = System.nanoTime();

    private Progress(String task, long total, String unit, PrintStream lines, ProgressBar bar) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.lines = lines;
        this.bar = bar;
    }

    /** A bar when {@link Terminal#interactive()}, lines otherwise. */
    static Progress start(String task, long total, String unit) {
        return Terminal.interactive() ? bar(task, total, unit) : lines(task, total, unit, System.err);
    }

    static Progress lines(String task, long total, String unit, PrintStream out) {
        return new Progress(task, total, unit, out, null);
    }

    private static Progress bar(String task, long total, String unit) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(Terminal.colours() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress(task, total, unit, null, bar);
    }

    /** {@code done} of the total are finished; {@code message} says what was last done. */
    void stepTo(long done, String message) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(message);
            return;
        }
        long now = System.nanoTime();
        if (done >= total || now - lastLine >= LINE_INTERVAL_SECONDS * 1_000_000_000L) {
            lastLine = now;
            lines.printf(Locale.ROOT, "%s: %d/%d %s, %s%n", task, done, total, unit, message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
