package enr4j.cli;

import java.util.Locale;

/**
 * The ranges of the numeric options: a count or size outside them is refused up front with a line naming the
 * option and its limits, instead of overflowing or exhausting memory far into a run.
 */
final class OptionBounds {
    /** Views per scene of a generated dataset (the reference datasets have 50, their test scenes 251). */
    static final int MAX_VIEWS = 10_000;
    /** Scenes of a generated dataset. */
    static final int MAX_SCENES = 1_000_000;
    /** Frames of a camera path (novel views, demo orbits). */
    static final int MAX_FRAMES = 3_600;
    /** Images per forward pass or training step. */
    static final int MAX_BATCH = 4_096;
    /** Image side of a model's input, in pixels (the reference's is 128). */
    static final int MAX_MODEL_IMAGE_SIZE = 4_096;
    /** Worker threads or processes. */
    static final int MAX_WORKERS = 1_024;

    private OptionBounds() {
    }

    /** Fails naming {@code option} and the range unless {@code min <= value <= max}. */
    static void check(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be between %d and %d, got %d",
                    option, min, max, value));
        }
    }

    /** As {@link #check} for an option that may be left out. */
    static void checkIfGiven(String option, Integer value, long min, long max) {
        if (value != null) {
            check(option, value, min, max);
        }
    }
}
