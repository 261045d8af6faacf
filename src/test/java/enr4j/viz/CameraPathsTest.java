package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CameraPathsTest {

    @Test
    void orbitTurnsAzimuthAtFixedElevation() {
        List<CameraShift> path = CameraPaths.orbit(4, 15);
        assertEquals(List.of(new CameraShift(0, 15), new CameraShift(90, 15), new CameraShift(180, 15),
                new CameraShift(270, 15)), path);
    }

    @Test
    void spiralOscillatesElevationDuringTheTurn() {
        List<CameraShift> path = CameraPaths.spiral(4, -10, 30);
        assertEquals(4, path.size());
        double[] expectedElevations = {10, 30, 10, -10};
        for (int i = 0; i < 4; i++) {
            assertEquals(90.0 * i, path.get(i).azimuth(), 1e-9);
            assertEquals(expectedElevations[i], path.get(i).elevation(), 1e-9);
        }
    }

    @Test
    void elevationSweepKeepsSourceAzimuth() {
        List<CameraShift> path = CameraPaths.elevation(4, 0, 60);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, path.get(i).azimuth());
        }
        assertEquals(60, path.get(2).elevation(), 1e-9);
    }

    @Test
    void rotationPathsDoNotMoveTheCamera() {
        for (CameraShift shift : CameraPaths.spiral(5, -20, 20)) {
            assertEquals(Vec3.ZERO, shift.translation());
        }
    }

    @Test
    void driftTurnsOnceWhileTheObjectCirclesInTheImagePlane() {
        double amplitude = 0.3;
        List<CameraShift> path = CameraPaths.drift(8, 0, amplitude);
        assertEquals(8, path.size());
        for (int i = 0; i < 8; i++) {
            CameraShift shift = path.get(i);
            assertEquals(45.0 * i, shift.azimuth(), 1e-9, "one full turn in equal steps");
            assertEquals(0, shift.elevation(), 1e-12);
            Vec3 t = shift.translation();
            assertEquals(0, t.x(), 1e-12, "stays in the image plane");
            assertEquals(amplitude, t.length(), 1e-12);
            assertEquals(amplitude * Math.sin(Math.toRadians(45.0 * i)), t.y(), 1e-12);
            assertEquals(amplitude * Math.cos(Math.toRadians(45.0 * i)), t.z(), 1e-12);
        }
        assertEquals(new Vec3(0, 0, amplitude), path.get(0).translation());
        assertEquals(-amplitude, path.get(4).translation().z(), 1e-12, "half a turn: the other side of the circle");
        assertEquals(CameraPaths.orbit(3, 5), CameraPaths.drift(3, 5, 0), "no amplitude is the orbit");
    }

    @Test
    void relativeToAddsAnglesAndTranslations() {
        CameraPose source = new CameraPose(30, 20, new Vec3(0.1, 0.2, 0.3));
        List<CameraPose> absolute = CameraPaths.relativeTo(source,
                List.of(new CameraShift(0, -5), new CameraShift(180, -5, new Vec3(0, -0.2, 0.1))));
        assertEquals(List.of(new CameraPose(30, 15, new Vec3(0.1, 0.2, 0.3)),
                new CameraPose(210, 15, new Vec3(0.1, 0, 0.4))), roundedTranslations(absolute));
    }

    @Test
    void shiftsAddUpAndRejectNonFiniteValues() {
        CameraShift sum = new CameraShift(10, 5, new Vec3(1, 2, 3)).plus(new CameraShift(-10, 1, new Vec3(0, 0, -3)));
        assertEquals(new CameraShift(0, 6, new Vec3(1, 2, 0)), sum);
        assertEquals(CameraShift.ZERO, new CameraShift(0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CameraShift(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new CameraShift(0, 0, new Vec3(0, Double.POSITIVE_INFINITY, 0)));
        assertThrows(IllegalArgumentException.class, () -> CameraPaths.custom(List.of()));
    }

    private static List<CameraPose> roundedTranslations(List<CameraPose> poses) {
        return poses.stream().map(p -> new CameraPose(p.azimuth(), p.elevation(), new Vec3(round(p.translation().x()),
                round(p.translation().y()), round(p.translation().z())))).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }
}
