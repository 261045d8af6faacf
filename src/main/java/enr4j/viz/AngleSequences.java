package enr4j.viz;

import java.util.Arrays;

/**
 * Angle sequences (degrees) of the reference implementation (the {@code *_angle_sequence} functions of
 * {@code misc/utils.py} in apple/ml-equivariant-neural-rendering), with the same numbers, including the reference's
 * quirks noted per method. {@code linspace(a, b, n)} below means n evenly spaced values from a to b inclusive
 * ({@code [a]} when n = 1).
 */
public final class AngleSequences {

    private AngleSequences() {
    }

    /** {@code linspace(0, 360 - 360 / n, n)}: a full turn in n steps that does not repeat its start. */
    public static double[] fullRotation(int steps) {
        requireSteps(steps, 1);
        return linspace(0, 360 - 360.0 / steps, steps);
    }

    /** n copies of {@code value}. */
    public static double[] constant(int steps, double value) {
        requireSteps(steps, 1);
        double[] angles = new double[steps];
        Arrays.fill(angles, value);
        return angles;
    }

    /**
     * {@code linspace(start, end - end / h, h)} followed by {@code linspace(end, start - start / h, h)} with
     * {@code h = floor(n / 2)}; so the result has {@code 2 * floor(n / 2)} angles (one fewer than asked when n is odd).
     * The reference subtracts {@code end / h} and {@code start / h} rather than the step size; that is kept on purpose
     * so that paths match the reference's GIFs.
     */
    public static double[] backAndForth(int steps, double start, double end) {
        requireSteps(steps, 2);
        int half = steps / 2;
        double[] rising = linspace(start, end - end / half, half);
        double[] falling = linspace(end, start - start / half, half);
        double[] angles = new double[2 * half];
        System.arraycopy(rising, 0, angles, 0, half);
        System.arraycopy(falling, 0, angles, half, half);
        return angles;
    }

    /**
     * {@code 0.5 * (min + max + (max - min) * sin(2 pi t))} for {@code t = linspace(0, 1 - 1 / n, n)}: one period that
     * starts at the midpoint and rises first.
     */
    public static double[] sinusoidal(int steps, double minimum, double maximum) {
        requireSteps(steps, 1);
        double[] t = linspace(0, 1 - 1.0 / steps, steps);
        double[] angles = new double[steps];
        for (int i = 0; i < steps; i++) {
            angles[i] = 0.5 * (minimum + maximum + (maximum - minimum) * Math.sin(2 * Math.PI * t[i]));
        }
        return angles;
    }

    /** {@code start + (end - start) * sin(pi t)^2} for {@code t = linspace(0, 1 - 1 / n, n)}: start, ease to end, ease back. */
    public static double[] sineSquared(int steps, double start, double end) {
        requireSteps(steps, 1);
        double[] t = linspace(0, 1 - 1.0 / steps, steps);
        double[] angles = new double[steps];
        for (int i = 0; i < steps; i++) {
            double s = Math.sin(Math.PI * t[i]);
            angles[i] = start + (end - start) * s * s;
        }
        return angles;
    }

    /** n evenly spaced values from {@code start} to {@code end} inclusive; {@code [start]} when n = 1. */
    static double[] linspace(double start, double end, int steps) {
        double[] values = new double[steps];
        if (steps == 1) {
            values[0] = start;
            return values;
        }
        double step = (end - start) / (steps - 1);
        for (int i = 0; i < steps; i++) {
            values[i] = start + i * step;
        }
        values[steps - 1] = end;
        return values;
    }

    private static void requireSteps(int steps, int minimum) {
        if (steps < minimum) {
            throw new IllegalArgumentException("number of steps must be at least " + minimum + ", got " + steps);
        }
    }
}
