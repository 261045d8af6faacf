package enr4j.torch;

import static enr4j.torch.AllocationTimeline.Action.ALLOC;
import static enr4j.torch.AllocationTimeline.Action.FREE_COMPLETED;
import static enr4j.torch.AllocationTimeline.Action.FREE_REQUESTED;
import static enr4j.torch.AllocationTimeline.Action.OTHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.AllocationTimeline.Action;
import enr4j.torch.AllocationTimeline.Event;
import enr4j.torch.AllocationTimeline.Group;
import enr4j.torch.AllocationTimeline.Segment;
import enr4j.torch.AllocationTimeline.Summary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AllocationTimelineTest {
    private static Event e(Action a, long addr, long size, String tag) {
        return new Event(a, addr, size, tag, 0);
    }

    /**
     * Live bytes after each entry, by hand: 100, 150, 50, 50, 350, 310 (a block from before the trace freed), 360,
     * 410 (address 0x100 reused), 410 (a segment entry), 110, 310. The peak is 410 after entry 7.
     */
    private static final List<Event> TRACE = List.of(
            e(ALLOC, 0x100, 100, "f:a"),
            e(ALLOC, 0x200, 50, "f:a"),
            e(FREE_REQUESTED, 0x100, 100, "f:b"),
            e(FREE_COMPLETED, 0x100, 100, "f:b"),
            new Event(ALLOC, 0x300, 300, "f:b", 7),
            e(FREE_REQUESTED, 0x999, 40, "f:b"),
            e(ALLOC, 0x400, 50, "f:c"),
            e(ALLOC, 0x100, 50, "f:c"),
            e(OTHER, 0x5000, 1 << 20, "f:c"),
            e(FREE_REQUESTED, 0x300, 300, "loss"),
            e(ALLOC, 0x500, 200, ""));

    @Test
    void findsThePeakAndWhatWasLiveAtIt() {
        Summary s = AllocationTimeline.analyse(TRACE);
        assertEquals(410, s.peakLive());
        assertEquals(7, s.peakIndex());
        assertEquals("f:c", s.peakTag());
        assertEquals(40, s.freedBeforePeak(), "the free of an address never allocated in the trace");
        // live at 7: 0x200 (f:a, 50), 0x300 (f:b, 300), 0x400 and 0x100 (f:c, 50 each); the 0x100 of f:a was freed
        assertEquals(List.of(new Group("f:b", 300, 1, 300), new Group("f:c", 50, 2, 100), new Group("f:a", 50, 1, 50)),
                s.liveAtPeak());
        assertEquals(List.of(new Group("f:b", -1, 1, 300), new Group("f:c", -1, 2, 100), new Group("f:a", -1, 1, 50)),
                s.tagsAtPeak());
        assertEquals(Map.of(0L, 150L, 7L, 300L), s.poolsAtPeak());
        assertEquals(Map.of(ALLOC, 6, FREE_REQUESTED, 3, FREE_COMPLETED, 1, OTHER, 1), s.counts());
        assertEquals(0, s.doubleAllocations());
    }

    @Test
    void timelineHasOneSegmentPerRunOfATag() {
        Summary s = AllocationTimeline.analyse(TRACE);
        assertEquals(List.of(
                new Segment("f:a", 0, 150, 2),
                new Segment("f:b", 150, 350, 1), // 50, 50, 350, 310 after its entries
                new Segment("f:c", 310, 410, 2), // the segment entry does not break the run
                new Segment("loss", 410, 410, 0), // falls to 110: its starting level is its most
                new Segment("", 110, 310, 1)), s.timeline());
    }

    @Test
    void freeCompletedDoesNotFreeAndFreeRequestedDoes() {
        Summary requested = AllocationTimeline.analyse(List.of(e(ALLOC, 1, 10, "x"), e(FREE_REQUESTED, 1, 10, "x"),
                e(ALLOC, 2, 5, "y")));
        assertEquals(10, requested.peakLive());
        assertEquals(List.of(new Group("x", 10, 1, 10)), requested.liveAtPeak());
        Summary later = AllocationTimeline.analyse(List.of(e(ALLOC, 1, 10, "x"), e(FREE_REQUESTED, 1, 10, "x"),
                e(ALLOC, 2, 15, "y")));
        assertEquals(List.of(new Group("y", 15, 1, 15)), later.liveAtPeak(), "x was freed before the peak");
        Summary completedOnly = AllocationTimeline.analyse(List.of(e(ALLOC, 1, 10, "x"), e(FREE_COMPLETED, 1, 10, "x"),
                e(ALLOC, 2, 5, "y")));
        assertEquals(15, completedOnly.peakLive());
        assertEquals(List.of(new Group("x", 10, 1, 10), new Group("y", 5, 1, 5)), completedOnly.liveAtPeak());
    }

    @Test
    void aSecondAllocationOfALiveAddressReplacesItAndIsCounted() {
        Summary s = AllocationTimeline.analyse(List.of(e(ALLOC, 1, 10, "x"), e(ALLOC, 1, 20, "y")));
        assertEquals(20, s.peakLive());
        assertEquals(1, s.doubleAllocations());
        assertEquals(List.of(new Group("y", 20, 1, 20)), s.liveAtPeak());
    }

    @Test
    void onlyFreesLeaveThePeakAtTheStart() {
        Summary s = AllocationTimeline.analyse(List.of(e(FREE_REQUESTED, 1, 10, "x")));
        assertEquals(0, s.peakLive());
        assertEquals(-1, s.peakIndex());
        assertEquals(0, s.freedBeforePeak());
        assertEquals(List.of(), s.liveAtPeak());
    }

    @Test
    void reportNamesThePeakAndTheLargestGroups() {
        String r = AllocationReport.text(AllocationTimeline.analyse(TRACE),
                new AllocationReport.Facts("memory trace of a test", 1L << 30, (1L << 30) + 500, 1000));
        assertTrue(r.startsWith("memory trace of a test\n"), r);
        assertTrue(r.contains("trace entries: 11 (alloc 6, free requested 3, free completed 1, other 1); buffer 1000"),
                r);
        assertTrue(r.contains("peak in the trace:               1.000 GiB  = start + 0.0 MiB, after entry 7, tag f:c"),
                r);
        assertTrue(r.contains("live at the peak by tag and size (top 3 of 3, 0.0 MiB in all)"), r);
        int b = r.indexOf("f:b", r.indexOf("by tag and size"));
        int c = r.indexOf("f:c", r.indexOf("by tag and size"));
        assertTrue(b > 0 && c > b, "largest total first:\n" + r);
        assertTrue(r.contains("(untagged)"), r);
        assertTrue(r.contains("pool 7"), r);
    }
}
