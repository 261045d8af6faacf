package enr4j.torch.cuda;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One zeroed float32 buffer that the fused GroupNorm calls of a pass (the inverse render, the render) take their
 * zeroed scratch from, so that one fill serves them all instead of a fill kernel per call (about 1.6 us each, and a
 * launch gap each in a graph). Opened per thread with try-with-resources; where none is open, or it has no room
 * left, a call zeroes its own scratch as before. A slice keeps the buffer alive as long as it is used (a backward
 * pass reads its slice after the arena closed).
 */
public final class ZeroedArena implements AutoCloseable {
    private static final ThreadLocal<ZeroedArena> CURRENT = new ThreadLocal<>();
    /** {@code -Denr4j.groupNormArena=false} keeps a fill per call, for A/B runs. */
    private static final boolean ENABLED = !"false".equals(System.getProperty("enr4j.groupNormArena"));

    private final Tensor buffer;
    private final ZeroedArena outer;
    private long used;

    private ZeroedArena(Tensor buffer, ZeroedArena outer) {
        this.buffer = buffer;
        this.outer = outer;
    }

    /**
     * Opens an arena of {@code floats} zeroed float32 values on {@code like}'s device for the calls of this thread
     * until closed; on the CPU (where no fused kernel runs), or when disabled, an arena without a buffer.
     *
     * @param like any tensor on the device the pass runs on
     */
    public static ZeroedArena open(Tensor like, long floats) {
        Tensor buffer = ENABLED && like.is_cuda() ? torch.zeros(new long[] {floats},
                like.options().dtype(new ScalarTypeOptional(torch.ScalarType.Float))) : null;
        ZeroedArena arena = new ZeroedArena(buffer, CURRENT.get());
        CURRENT.set(arena);
        return arena;
    }

    /**
     * @param like    a tensor on the device the scratch is for
     * @param floats  how many zeroed float32 values
     * @return a zeroed slice of the open arena on like's device, or null when there is none with room
     */
    static Tensor take(Tensor like, long floats) {
        ZeroedArena a = CURRENT.get();
        if (a == null || a.buffer == null || a.used + floats > a.buffer.size(0)
                || a.buffer.device().index() != like.device().index()) {
            return null;
        }
        Tensor slice = a.buffer.narrow(0, a.used, floats);
        a.used += floats;
        return slice;
    }

    @Override
    public void close() {
        CURRENT.set(outer);
        if (buffer != null) {
            buffer.deallocate(); // the slices handed out keep the storage for as long as they are used
        }
    }
}
