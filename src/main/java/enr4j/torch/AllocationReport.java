package enr4j.torch;

import enr4j.torch.AllocationTimeline.Action;
import enr4j.torch.AllocationTimeline.Group;
import enr4j.torch.AllocationTimeline.Segment;
import enr4j.torch.AllocationTimeline.Summary;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain-text report of an {@link AllocationTimeline}: the peak, what was live at it, and the run of tags. */
public final class AllocationReport {
    /** Groups listed at the peak. */
    public static final int TOP = 40;
    private static final double MIB = 1 << 20;

    /**
     * What the allocator itself said, next to the trace.
     *
     * @param title            the report's first line: what was traced
     * @param allocatedAtStart the allocator's allocated bytes when the trace began (blocks the trace cannot name)
     * @param statsPeak        the allocator's peak allocated bytes over the traced window (-1 when unknown)
     * @param maxEntries       the trace buffer's capacity (a trace that long may have lost its first entries)
     */
    public record Facts(String title, long allocatedAtStart, long statsPeak, long maxEntries) {}

    private AllocationReport() {}

    public static String text(Summary s, Facts f) {
        StringBuilder b = new StringBuilder();
        line(b, "%s", f.title());
        int entries = s.counts().values().stream().mapToInt(Integer::intValue).sum();
        line(b, "trace entries: %d (alloc %d, free requested %d, free completed %d, other %d); buffer %d", entries,
                s.counts().get(Action.ALLOC), s.counts().get(Action.FREE_REQUESTED),
                s.counts().get(Action.FREE_COMPLETED), s.counts().get(Action.OTHER), f.maxEntries());
        if (entries >= f.maxEntries() || s.doubleAllocations() > 0) {
            line(b, "WARNING: the buffer may have overflowed (%d allocations of a live address): early entries lost",
                    s.doubleAllocations());
        }
        line(b, "allocated at start (allocator):  %s  (blocks from before the trace: not named below)",
                gib(f.allocatedAtStart()));
        if (f.statsPeak() >= 0) {
            line(b, "peak allocated (allocator):      %s", gib(f.statsPeak()));
        }
        line(b, "peak in the trace:               %s  = start + %s, after entry %d, tag %s",
                gib(f.allocatedAtStart() + s.peakLive()), mib(s.peakLive()), s.peakIndex(), shown(s.peakTag()));
        line(b, "  the trace counts requested bytes, the allocator whole blocks (rounded up to 512 B; a large");
        line(b, "  block may keep an unsplit tail of up to 1 MiB), so the traced peak reads a little low");
        line(b, "  blocks from before the trace freed by the peak: %s", mib(s.freedBeforePeak()));
        b.append('\n');
        line(b, "live at the peak by pool (0: default; others: CUDA graphs' private pools)");
        for (Map.Entry<Long, Long> p : s.poolsAtPeak().entrySet()) {
            line(b, "  %s  pool %d", mib(p.getValue()), p.getKey());
        }
        b.append('\n');
        groups(b, "live at the peak by tag", s.tagsAtPeak(), false);
        groups(b, "live at the peak by tag and size", s.liveAtPeak(), true);
        line(b, "timeline: one line per run of entries under one tag; live MiB above the start at the run's first");
        line(b, "entry, the most within the run, allocations in the run");
        for (Segment seg : s.timeline()) {
            line(b, "  %10.1f %10.1f %6d  %s", seg.liveAtStart() / MIB, seg.maxLive() / MIB, seg.allocations(),
                    shown(seg.tag()));
        }
        return b.toString();
    }

    private static void groups(StringBuilder b, String title, List<Group> groups, boolean bySize) {
        long total = groups.stream().mapToLong(Group::total).sum();
        line(b, "%s (top %d of %d, %s in all)", title, Math.min(TOP, groups.size()), groups.size(), mib(total));
        if (bySize) {
            line(b, "  %12s %6s %12s  %s", "MiB", "count", "bytes each", "tag");
        } else {
            line(b, "  %12s %6s  %s", "MiB", "count", "tag");
        }
        for (Group g : groups.subList(0, Math.min(TOP, groups.size()))) {
            if (bySize) {
                line(b, "  %12.1f %6d %12d  %s", g.total() / MIB, g.count(), g.size(), shown(g.tag()));
            } else {
                line(b, "  %12.1f %6d  %s", g.total() / MIB, g.count(), shown(g.tag()));
            }
        }
        b.append('\n');
    }

    private static String shown(String tag) {
        return tag.isEmpty() ? "(untagged)" : tag;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.3f GiB", bytes / (MIB * 1024));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
    }
}
