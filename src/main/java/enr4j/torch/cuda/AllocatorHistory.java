package enr4j.torch.cuda;

import enr4j.torch.AllocationTimeline.Action;
import enr4j.torch.AllocationTimeline.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.cuda.CUDAAllocator;
import org.bytedeco.pytorch.cuda.SnapshotInfo;
import org.bytedeco.pytorch.cuda.TraceEntry;
import org.bytedeco.pytorch.cuda.TraceEntryVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * The CUDA caching allocator's own history ({@code recordHistory}, as {@code torch.cuda.memory._record_memory_history}
 * does it), read back as {@link Event}s for the current device. Reached only through {@link AllocatorTrace}.
 *
 * <p>What libtorch 2.10 does, from its source and binary: every allocation and free of every thread and pool
 * (a CUDA graph's private pool included, with the pool's id) goes into one ring buffer per device, with the user
 * metadata of the thread that made it ({@code DeviceCachingAllocator::user_metadata} is {@code thread_local}). An
 * ALLOC entry carries the requested size; {@code allocated_bytes} counts the rounded block. With a stack context
 * ({@code RecordContext} other than NEVER) it insists on a context recorder, which the presets cannot make: entries
 * then carry no stacks, only tags.
 */
final class AllocatorHistory {
    /** Entries kept: a training step of the reference model makes a few thousand allocations. */
    static final long MAX_ENTRIES = 2_000_000;

    private final CUDAAllocator allocator;
    private final byte device;

    private AllocatorHistory(CUDAAllocator allocator, byte device) {
        this.allocator = allocator;
        this.device = device;
    }

    /**
     * The context recorder, a {@code std::function} passed by value, empty: the presets refuse a null pointer, and
     * libstdc++'s empty {@code std::function} is all zero bytes (no manager), which copies and destroys as empty.
     */
    private static final Pointer NO_CONTEXT = new LongPointer(8).zero().retainReference(); // outlives any scope

    /** Clears the allocator's history and records from now on. */
    static AllocatorHistory begin() {
        CUDAAllocator allocator = torch_cuda.getAllocator();
        if (allocator == null || allocator.isNull()) {
            throw new IllegalStateException("no CUDA caching allocator");
        }
        byte device = (byte) torch_cuda.current_device();
        allocator.recordHistory(true, NO_CONTEXT, MAX_ENTRIES, torch_cuda.RecordContext.NEVER, true);
        return new AllocatorHistory(allocator, device);
    }

    /** Tags this thread's later allocations. */
    void tag(String tag) {
        allocator.setUserMetadata(tag);
    }

    /** The allocator's current and peak allocated bytes on this device: {current, peak}. */
    long[] allocatedBytes() {
        try (PointerScope scope = new PointerScope()) {
            var stat = torch.getDeviceStats(device).allocated_bytes();
            return new long[] {stat.current(), stat.peak()};
        }
    }

    /** Stops recording, clears the history and returns this device's entries, oldest first. */
    List<Event> end() {
        try (PointerScope scope = new PointerScope()) {
            allocator.setUserMetadata("");
            SnapshotInfo snapshot = allocator.snapshot();
            allocator.recordHistory(false, NO_CONTEXT, MAX_ENTRIES, torch_cuda.RecordContext.NEVER, true);
            // device_traces is a std::vector<std::vector<TraceEntry>>, one per device: the presets return it as
            // an array of TraceEntryVector whose length is the number of devices
            TraceEntryVector traces = snapshot.device_traces();
            long devices = traces == null || traces.isNull() ? 0 : Math.max(traces.limit(), traces.capacity());
            if (devices <= device) {
                throw new IllegalStateException("the allocator's snapshot has no trace for device " + device + " ("
                        + devices + " traces)");
            }
            return events(traces.getPointer(TraceEntryVector.class, device));
        }
    }

    private static List<Event> events(TraceEntryVector trace) {
        long n = trace.size();
        List<Event> out = new ArrayList<>((int) Math.min(n, MAX_ENTRIES));
        Map<String, String> tags = new HashMap<>();
        for (long i = 0; i < n; i++) {
            try (PointerScope scope = new PointerScope()) {
                TraceEntry e = trace.get(i);
                BytePointer md = e.user_metadata_();
                String tag = md == null || md.isNull() ? "" : md.getString();
                out.add(new Event(action(e.action_()), e.addr_(), e.size_(), tags.computeIfAbsent(tag, t -> t),
                        pool(e.mempool_())));
            }
        }
        return out;
    }

    private static Action action(TraceEntry.Action a) {
        if (a == null) {
            return Action.OTHER;
        }
        // by value: the presets hand back enum objects that are not the constants themselves (a switch on them reads
        // every entry as the first constant)
        int v = a.value;
        if (v == TraceEntry.Action.ALLOC.value) {
            return Action.ALLOC;
        }
        if (v == TraceEntry.Action.FREE_REQUESTED.value) {
            return Action.FREE_REQUESTED;
        }
        return v == TraceEntry.Action.FREE_COMPLETED.value ? Action.FREE_COMPLETED : Action.OTHER;
    }

    /**
     * The first half of the entry's pool id (c10::MempoolId_t, a pair of 64-bit integers the presets map to an
     * unrelated class: only its address is used, as {@link CudaGraph} does).
     */
    private static long pool(Pointer id) {
        return id == null || id.isNull() ? 0 : new LongPointer(id).get(0);
    }
}
