package enr4j.viz;

/**
 * TensorBoard's curve smoothing: an exponential moving average, debiased so that the first values are not pulled
 * toward zero. Non-finite values (diverged steps) stay non-finite in the output and leave the average untouched.
 */
public final class Smoothing {
    /** Values per unit of effective window in {@link #defaultWeight}: a curve of n points averages over ~n/100. */
    private static final double POINTS_PER_WINDOW = 100;

    private Smoothing() {}

    /**
     * @param values a loss curve, in order
     * @param weight how much of the average is kept per step, in [0, 1): 0 returns the values themselves
     * @return the smoothed curve, as long as {@code values}
     */
    public static double[] exponential(double[] values, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        }
        double[] out = new double[values.length];
        double average = 0;
        double keptOfFirst = 1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                out[i] = values[i];
                continue;
            }
            average = weight * average + (1 - weight) * values[i];
            keptOfFirst *= weight;
            out[i] = average / (1 - keptOfFirst);
        }
        return out;
    }

    /**
     * A weight that averages over about 1% of the curve (weight 1 - 1 / (1 + n / 100)): 0.5 at 100 points,
     * 0.91 at 1,000, 0.99 at 10,000.
     */
    public static double defaultWeight(int points) {
        return 1 - 1 / (1 + points / POINTS_PER_WINDOW);
    }
}
