package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The smoothed loss curve under {@code enr plot}'s raw one. */
@Tag("fast")
class SmoothingTest {
    @Test
    void debiasedMovingAverageByHand() {
        // weight 0.5: averages 0.5, 1.25, 2.125 over kept fractions 0.5, 0.75, 0.875
        assertArrayEquals(new double[] {1, 5.0 / 3, 17.0 / 7}, Smoothing.exponential(new double[] {1, 2, 3}, 0.5), 1e-12);
    }

    @Test
    void aConstantCurveStaysConstantFromItsFirstPoint() {
        double[] smoothed = Smoothing.exponential(new double[] {0.3, 0.3, 0.3, 0.3}, 0.99);
        assertArrayEquals(new double[] {0.3, 0.3, 0.3, 0.3}, smoothed, 1e-12);
    }

    @Test
    void divergedStepsStayVisibleAndDoNotPoisonTheAverage() {
        double[] smoothed = Smoothing.exponential(new double[] {1, Double.NaN, 3}, 0.5);
        assertEquals(1, smoothed[0], 1e-12);
        assertTrue(Double.isNaN(smoothed[1]));
        assertEquals((0.25 + 1.5) / 0.75, smoothed[2], 1e-12);
    }

    @Test
    void weightZeroIsTheRawCurveAndOneIsRefused() {
        double[] raw = {4, 1, 7};
        assertArrayEquals(raw, Smoothing.exponential(raw, 0), 0);
        assertThrows(IllegalArgumentException.class, () -> Smoothing.exponential(raw, 1));
    }

    @Test
    void theDefaultWindowGrowsWithTheRun() {
        assertEquals(0.5, Smoothing.defaultWeight(100), 1e-12);
        assertEquals(1 - 1 / 11.0, Smoothing.defaultWeight(1000), 1e-12);
        assertEquals(0, Smoothing.defaultWeight(0), 1e-12);
    }
}
