package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ColourTransformTest {
    private static final double[] RED = {1, 0, 0};
    private static final double[] GREEN = {0, 1, 0};
    private static final double[] BLUE = {0, 0, 1};

    @Test
    void whiteBlackAndGreysStayFixed() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            ColourTransform t = new ColourTransform(random.nextDouble(-10, 10), random.nextDouble(0.6, 1.6));
            for (double c : new double[] {0, 0.5, 1, 0.25, 0.9}) {
                assertArrayEquals(new double[] {c, c, c}, t.apply(new double[] {c, c, c}), 1e-6, t + " on " + c);
            }
        }
    }

    @Test
    void aThirdOfATurnMapsRedToGreenToBlue() {
        ColourTransform t = new ColourTransform(2 * Math.PI / 3, 1);
        assertArrayEquals(GREEN, t.apply(RED), 1e-6);
        assertArrayEquals(BLUE, t.apply(GREEN), 1e-6);
        assertArrayEquals(RED, t.apply(BLUE), 1e-6);
        assertArrayEquals(RED, new ColourTransform(-2 * Math.PI / 3, 1).apply(GREEN), 1e-6);
    }

    @Test
    void rotationKeepsTheGreyLevelAndSaturationScalesTheDistanceFromIt() {
        double[] c = {0.6, 0.45, 0.4}; // stays inside the cube under any rotation: no clamping
        double mean = (c[0] + c[1] + c[2]) / 3;
        double distance = distanceFromGrey(c, mean);
        for (double angle = 0; angle < 7; angle += 0.7) {
            double[] rotated = new ColourTransform(angle, 1).apply(c);
            assertEquals(mean, (rotated[0] + rotated[1] + rotated[2]) / 3, 1e-9);
            assertEquals(distance, distanceFromGrey(rotated, mean), 1e-9);
            double[] saturated = new ColourTransform(angle, 1.5).apply(c);
            assertEquals(mean, (saturated[0] + saturated[1] + saturated[2]) / 3, 1e-9);
            assertEquals(1.5 * distance, distanceFromGrey(saturated, mean), 1e-9);
        }
        assertArrayEquals(new double[] {mean, mean, mean}, new ColourTransform(1, 0).apply(c), 1e-9);
    }

    @Test
    void resultsAreClampedToTheUnitCube() {
        double[] out = new ColourTransform(0, 1.6).apply(new double[] {1, 0, 0});
        for (double v : out) {
            assertEquals(Math.min(1, Math.max(0, v)), v);
        }
        assertEquals(1, out[0]);
        assertEquals(0, out[1]);
    }

    @Test
    void uint8ImagesKeepTheirGreysExactlyAndTheIdentityChangesNothing() {
        int plane = 256;
        byte[] image = new byte[3 * plane + 5];
        for (int p = 0; p < plane; p++) { // pixel p is the grey (p, p, p)
            image[5 + p] = (byte) p;
            image[5 + plane + p] = (byte) p;
            image[5 + 2 * plane + p] = (byte) p;
        }
        byte[] before = image.clone();
        new ColourTransform(2.1, 1.37).applyInPlace(image, 5, plane);
        assertArrayEquals(before, image);

        SplittableRandom random = new SplittableRandom(1);
        random.nextBytes(image);
        before = image.clone();
        ColourTransform.IDENTITY.applyInPlace(image, 5, plane);
        assertArrayEquals(before, image);

        byte[] red = {(byte) 255, 0, 0};
        new ColourTransform(2 * Math.PI / 3, 1).applyInPlace(red, 0, 1);
        assertArrayEquals(new byte[] {0, (byte) 255, 0}, red);
    }

    @Test
    void refusesBadParametersAndImagesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new ColourTransform(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new ColourTransform(0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> ColourTransform.IDENTITY.applyInPlace(new byte[11], 0, 4));
        assertThrows(IllegalArgumentException.class, () -> ColourTransform.IDENTITY.apply(new double[2]));
    }

    private static double distanceFromGrey(double[] c, double mean) {
        return Math.sqrt(Math.pow(c[0] - mean, 2) + Math.pow(c[1] - mean, 2) + Math.pow(c[2] - mean, 2));
    }
}
