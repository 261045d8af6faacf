package enr4j.torch;

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
