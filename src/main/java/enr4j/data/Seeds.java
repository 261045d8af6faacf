package enr4j.data;

import java.util.SplittableRandom;

/** Derivation of independent random streams from a base seed and an index (epoch, scene, ...). */
public final class Seeds {

    private Seeds() {
    }

    /**
     * @return a generator that depends only on ({@code seed}, {@code index}); different indices give
     *         statistically independent streams
     */
    public static SplittableRandom derive(long seed, long index) {
        return new SplittableRandom(mix(mix(seed) + 0x9E3779B97F4A7C15L * (index + 1)));
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a uniformly random permutation of 0..n-1 (Fisher-Yates) */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
