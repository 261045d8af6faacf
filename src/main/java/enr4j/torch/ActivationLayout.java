package enr4j.torch;

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
}
