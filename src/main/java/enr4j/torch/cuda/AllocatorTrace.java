package enr4j.torch.cuda;

import enr4j.io.AtomicFiles;
import enr4j.torch.AllocationReport;
import enr4j.torch.AllocationTimeline;
import enr4j.torch.MemoryTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory trace of a stretch of GPU work: libtorch's caching allocator records every allocation and free with the
 * {@link MemoryTags} tag of the thread that made it, and {@link #stop} replays them ({@link AllocationTimeline}) into
 * a plain-text report of the peak and what was live at it. A diagnostic: recording slows every allocation, so
 * times measured while tracing are not comparable.
 *
 * <p>Like {@link CudaGraphs}, nothing here names a class of the CUDA presets ({@link AllocatorHistory} does), and
 * nothing here throws: when the allocator cannot record, or the report cannot be written, one line says so on
 * standard error and the traced work runs on untouched.
 */
public final class AllocatorTrace {
    private static final AllocatorTrace OFF = new AllocatorTrace(null, null, null, 0);

    private final Path report;
    private final String title;
    private final AllocatorHistory history;
    private final long allocatedAtStart;
    private volatile boolean tagging;

    private AllocatorTrace(Path report, String title, AllocatorHistory history, long allocatedAtStart) {
        this.report = report;
        this.title = title;
        this.history = history;
        this.allocatedAtStart = allocatedAtStart;
    }

    /** A trace that records nothing. */
    public static AllocatorTrace off() {
        return OFF;
    }

    /**
     * Starts recording on the current CUDA device and turns {@link MemoryTags} on.
     *
     * @param report where {@link #stop} writes the report; null for {@link #off()}
     * @param title  the report's first line: what is traced
     */
    public static AllocatorTrace start(Path report, String title) {
        if (report == null) {
            return OFF;
        }
        try {
            AllocatorHistory history = AllocatorHistory.begin();
            AllocatorTrace t = new AllocatorTrace(report, title, history, history.allocatedBytes()[0]);
            t.tagging = true;
            MemoryTags.install(t::tag);
            return t;
        } catch (LinkageError | RuntimeException e) {
            System.err.println("memory trace unavailable: " + firstLine(e));
            return OFF;
        }
    }

    public boolean active() {
        return history != null;
    }

    /**
     * Stops recording and writes the report; the allocator's peak allocated bytes in it are those since the last
     * {@code resetPeakStats}. Does nothing for a trace that is not active.
     */
    public void stop() {
        if (history == null) {
            return;
        }
        MemoryTags.uninstall();
        tagging = false;
        try {
            long peak = history.allocatedBytes()[1];
            List<AllocationTimeline.Event> events = history.end();
            AllocationTimeline.Summary s = AllocationTimeline.analyse(events);
            String text = AllocationReport.text(s, new AllocationReport.Facts(title, allocatedAtStart, peak,
                    AllocatorHistory.MAX_ENTRIES));
            AtomicFiles.write(report, text.getBytes(StandardCharsets.UTF_8));
            System.err.printf("memory trace: %s (%d entries, peak %.3f GiB traced, %.3f GiB by the allocator)%n",
                    report, events.size(), (allocatedAtStart + s.peakLive()) / (double) (1L << 30),
                    peak / (double) (1L << 30));
        } catch (LinkageError | RuntimeException e) {
            System.err.println("memory trace failed: " + firstLine(e));
        }
    }

    /** The sink: runs on whichever thread tags (autograd's included), so it must never throw into native code. */
    private void tag(String tag) {
        if (!tagging) {
            return;
        }
        try {
            history.tag(tag);
        } catch (LinkageError | RuntimeException e) {
            tagging = false;
            System.err.println("memory trace: tags off (" + firstLine(e) + ")");
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
