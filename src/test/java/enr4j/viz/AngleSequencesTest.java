package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand from the formulas in the reference's misc/utils.py, or in closed form. */
@Tag("fast")
class AngleSequencesTest {

    private static final double EPS = 1e-9;

    @Test
    void fullRotationStepsEvenlyWithoutRepeatingTheStart() {
        assertArrayEquals(new double[] {0, 45, 90, 135, 180, 225, 270, 315}, AngleSequences.fullRotation(8), EPS);
        double[] many = AngleSequences.fullRotation(250);
        for (int i = 0; i < 250; i++) {
            assertEquals(i * 360.0 / 250, many[i], 1e-9);
        }
        assertArrayEquals(new double[] {0}, AngleSequences.fullRotation(1), EPS);
    }

    @Test
    void constantRepeatsTheValue() {
        assertArrayEquals(new double[] {12.5, 12.5, 12.5}, AngleSequences.constant(3, 12.5), EPS);
    }

    @Test
    void backAndForthKeepsTheReferenceEndpoints() {
        // h = 4: linspace(0, 40 - 40/4, 4) then linspace(40, 0 - 0/4, 4)
        assertArrayEquals(new double[] {0, 10, 20, 30, 40, 80.0 / 3, 40.0 / 3, 0},
                AngleSequences.backAndForth(8, 0, 40), EPS);
        // start != 0 shows the reference's "start - start / h" end point: h = 2, linspace(10, 15, 2), linspace(30, 5, 2)
        assertArrayEquals(new double[] {10, 15, 30, 5}, AngleSequences.backAndForth(4, 10, 30), EPS);
        // odd counts drop one step: int(5 / 2) = 2
        assertEquals(4, AngleSequences.backAndForth(5, 0, 40).length);
    }

    @Test
    void backAndForthMatchesClosedFormForLongSequences() {
        int n = 36;
        int h = n / 2;
        double start = -20;
        double end = 50;
        double[] angles = AngleSequences.backAndForth(n, start, end);
        for (int i = 0; i < h; i++) {
            assertEquals(start + i * ((end - end / h) - start) / (h - 1), angles[i], 1e-9, "rising " + i);
            assertEquals(end + i * ((start - start / h) - end) / (h - 1), angles[h + i], 1e-9, "falling " + i);
        }
    }

    @Test
    void sinusoidalStartsAtMidpointAndRisesFirst() {
        assertArrayEquals(new double[] {10, 30, 10, -10}, AngleSequences.sinusoidal(4, -10, 30), EPS);
        int n = 30;
        double[] angles = AngleSequences.sinusoidal(n, 5, 45);
        for (int i = 0; i < n; i++) {
            assertEquals(25 + 20 * Math.sin(2 * Math.PI * i / n), angles[i], 1e-9);
        }
    }

    @Test
    void sineSquaredGoesToEndAndBack() {
        assertArrayEquals(new double[] {0, 30, 60, 30}, AngleSequences.sineSquared(4, 0, 60), EPS);
        int n = 24;
        double[] angles = AngleSequences.sineSquared(n, 10, -30);
        for (int i = 0; i < n; i++) {
            double s = Math.sin(Math.PI * i / n);
            assertEquals(10 - 40 * s * s, angles[i], 1e-9);
        }
    }

    @Test
    void rejectsTooFewSteps() {
        assertThrows(IllegalArgumentException.class, () -> AngleSequences.fullRotation(0));
        assertThrows(IllegalArgumentException.class, () -> AngleSequences.backAndForth(1, 0, 10));
    }
}
