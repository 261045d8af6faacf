package enr4j.torch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays an allocator's trace (allocations and frees, each with the tag that was set when it happened) and finds
 * the moment the most bytes were live, and what was live then. Pure bookkeeping on addresses: no device needed.
 *
 * <p>The trace starts with memory already allocated; those blocks are unknown to it. A free of an address the
 * trace never saw allocated is a block from before the trace, and counts as negative live bytes, so the live figure
 * is always relative to the moment the trace began (add the allocator's allocated bytes then for the absolute one).
 *
 * <p>A block counts as freed at {@link Action#FREE_REQUESTED}: that is where libtorch's caching allocator lowers its
 * {@code allocated_bytes} statistic. {@link Action#FREE_COMPLETED} (the block back in the cache once the streams
 * that used it are done) does not change the live set.
 */
public final class AllocationTimeline {
    /** What one trace entry did; every other entry kind (segments, snapshots, OOM) is {@link #OTHER}. */
    public enum Action { ALLOC, FREE_REQUESTED, FREE_COMPLETED, OTHER }

    /**
     * One trace entry.
     *
     * @param tag  the label set when the entry was made ("" when none)
     * @param pool the memory pool's id (0 for the default pool; a CUDA graph's private pool otherwise)
     */
    public record Event(Action action, long addr, long size, String tag, long pool) {}

    /** Blocks live at the peak that share a tag and a size. */
    public record Group(String tag, long size, int count, long total) {}

    /**
     * A run of consecutive entries made under one tag.
     *
     * @param liveAtStart live bytes (relative to the trace's start) before the run's first entry
     * @param maxLive     the most live bytes during the run (its starting level included)
     * @param allocations allocations in the run
     */
    public record Segment(String tag, long liveAtStart, long maxLive, int allocations) {}

    /**
     * What the replay found.
     *
     * @param peakLive        the most live bytes, relative to the trace's start (0 when nothing was allocated)
     * @param peakIndex       the entry after which that was reached, -1 for the start itself
     * @param freedBeforePeak bytes of blocks from before the trace that were freed up to the peak
     * @param liveAtPeak      the traced blocks live at the peak, by (tag, size), largest total first
     * @param tagsAtPeak      the same by tag alone (size -1), largest total first
     * @param poolsAtPeak     live bytes at the peak per pool id
     * @param counts          entries per action
     * @param doubleAllocations allocations of an address already live (entries were lost: the buffer overflowed)
     */
    public record Summary(long peakLive, int peakIndex, String peakTag, long freedBeforePeak, List<Group> liveAtPeak,
                          List<Group> tagsAtPeak, Map<Long, Long> poolsAtPeak, List<Segment> timeline,
                          Map<Action, Integer> counts, int doubleAllocations) {}

    private final Map<Long, Event> live = new HashMap<>();
    private long net;
    private long freedBefore;
    private int doubles;

    private AllocationTimeline() {}

    /** Replays {@code events} in order. */
    public static Summary analyse(List<Event> events) {
        AllocationTimeline first = new AllocationTimeline();
        long peak = 0;
        int peakIndex = -1;
        Map<Action, Integer> counts = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            counts.put(a, 0);
        }
        List<Segment> timeline = new ArrayList<>();
        String runTag = null;
        long runStart = 0;
        long runMax = 0;
        int runAllocs = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            counts.merge(e.action(), 1, Integer::sum);
            if (e.action() == Action.OTHER) {
                continue;
            }
            if (!e.tag().equals(runTag)) {
                if (runTag != null) {
                    timeline.add(new Segment(runTag, runStart, runMax, runAllocs));
                }
                runTag = e.tag();
                runStart = first.net;
                runMax = first.net;
                runAllocs = 0;
            }
            first.apply(e);
            runMax = Math.max(runMax, first.net);
            runAllocs += e.action() == Action.ALLOC ? 1 : 0;
            if (first.net > peak) {
                peak = first.net;
                peakIndex = i;
            }
        }
        if (runTag != null) {
            timeline.add(new Segment(runTag, runStart, runMax, runAllocs));
        }
        AllocationTimeline atPeak = new AllocationTimeline();
        for (int i = 0; i <= peakIndex; i++) {
            atPeak.apply(events.get(i));
        }
        String peakTag = peakIndex < 0 ? "(start)" : events.get(peakIndex).tag();
        return new Summary(peak, peakIndex, peakTag, atPeak.freedBefore, atPeak.groups(true), atPeak.groups(false),
                atPeak.pools(), List.copyOf(timeline), counts, first.doubles);
    }

    private void apply(Event e) {
        switch (e.action()) {
            case ALLOC -> {
                Event old = live.put(e.addr(), e);
                if (old != null) {
                    net -= old.size();
                    doubles++;
                }
                net += e.size();
            }
            case FREE_REQUESTED -> {
                Event old = live.remove(e.addr());
                long size = old != null ? old.size() : e.size();
                if (old == null) {
                    freedBefore += size;
                }
                net -= size;
            }
            default -> { }
        }
    }

    private List<Group> groups(boolean bySize) {
        record Key(String tag, long size) {}
        Map<Key, long[]> sums = new HashMap<>();
        for (Event e : live.values()) {
            long[] s = sums.computeIfAbsent(new Key(e.tag(), bySize ? e.size() : -1), k -> new long[2]);
            s[0]++;
            s[1] += e.size();
        }
        List<Group> out = new ArrayList<>();
        sums.forEach((k, s) -> out.add(new Group(k.tag(), k.size(), (int) s[0], s[1])));
        out.sort(Comparator.comparingLong(Group::total).reversed().thenComparing(Group::tag)
                .thenComparingLong(Group::size));
        return List.copyOf(out);
    }

    private Map<Long, Long> pools() {
        Map<Long, Long> out = new TreeMap<>();
        for (Event e : live.values()) {
            out.merge(e.pool(), e.size(), Long::sum);
        }
        return out;
    }
}
