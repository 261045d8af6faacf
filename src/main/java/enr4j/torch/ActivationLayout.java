package enr4j.torch;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The {@code --channels-last} switch: whether models made from now on keep their activations in channels-last
 * layouts (NHWC / NDHWC), where cuDNN's bfloat16 convolutions need no layout conversions around them. Weights and
 * checkpoints are the same either way; only the speed differs (docs/BENCHMARKS.md).
 */
public final class ActivationLayout {
    /** {@code -Denr4j.channelsLast=true|false}; false unless given. */
    public static final String PROPERTY = "enr4j.channelsLast";
    private static volatile boolean channelsLast = Boolean.parseBoolean(System.getProperty(PROPERTY, "false"));

    private ActivationLayout() {}

    /** Whether models made from now on run channels-last. */
    public static boolean channelsLastRequested() {
        return channelsLast;
    }

    public static void requestChannelsLast(boolean on) {
        channelsLast = on;
    }

    /** The memory format a channels-last tensor of {@code dim} (4 or 5) dimensions is contiguous in. */
    public static torch.MemoryFormat format(long dim) {
        return dim == 5 ? torch.MemoryFormat.ChannelsLast3d : torch.MemoryFormat.ChannelsLast;
    }

    /** Whether t (N x C x spatial, 2 or 3 spatial dimensions) is laid out channels-last rather than contiguous. */
    public static boolean isChannelsLast(Tensor t) {
        return t.dim() >= 4 && !t.is_contiguous() && t.is_contiguous(format(t.dim()));
    }

    /**
     * N x C x spatial as N x spatial x C (a view; contiguous for a channels-last t) when {@code channelsLast},
     * else t.
     */
    public static Tensor channelsInnermost(Tensor t, boolean channelsLast) {
        return channelsLast ? t.permute(channelsToLast(t.dim())) : t;
    }

    /** N x spatial x C back to N x C x spatial (a view) when {@code channelsLast}, else t. */
    public static Tensor channelsSecond(Tensor t, boolean channelsLast) {
        return channelsLast ? t.permute(channelsToFront(t.dim())) : t;
    }

    /**
     * t's batch entries picked by {@code index}, in t's layout (a plain {@code index_select} makes a contiguous
     * result, which a channels-last model would copy back).
     *
     * @param t     N x C x spatial, contiguous or channels-last
     * @param index M int64
     * @return M x C x spatial, t's layout
     */
    public static Tensor selectBatch(Tensor t, Tensor index) {
        if (!isChannelsLast(t)) {
            return t.index_select(0, index);
        }
        Tensor inner = channelsInnermost(t, true);
        Tensor picked = inner.index_select(0, index);
        Tensor out = channelsSecond(picked, true);
        Intermediates.release(inner, picked);
        return out;
    }

    /** t (N x C x spatial) in {@code type}, contiguous channels-last or contiguous (copied only where not yet so). */
    public static Tensor contiguousIn(Tensor t, boolean channelsLast, torch.ScalarType type) {
        Tensor typed = t.scalar_type().value == type.value ? t : t.to(type);
        return channelsLast ? typed.contiguous(format(typed.dim())) : typed.contiguous();
    }

    /** The permutation N x C x spatial to N x spatial x C (for weights: O x I x k... to O x k... x I). */
    public static long[] channelsToLast(long dim) {
        long[] order = new long[(int) dim];
        for (int i = 1; i < order.length - 1; i++) {
            order[i] = i + 1;
        }
        order[order.length - 1] = 1;
        return order;
    }

    /** The permutation N x spatial x C to N x C x spatial, the inverse of {@link #channelsToLast}. */
    public static long[] channelsToFront(long dim) {
        long[] order = new long[(int) dim];
        order[1] = dim - 1;
        for (int i = 2; i < order.length; i++) {
            order[i] = i - 1;
        }
        return order;
    }
}
