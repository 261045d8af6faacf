package enr4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RotationsTest {
    private static final double EPS = 1e-12;

    @Test
    void cameraAtPositiveAzimuthMovesRightAndPositiveElevationMovesUp() {
        // The camera sits on the +x axis at (0, 0); y points down, z right.
        Vec3 home = new Vec3(1, 0, 0);
        Vec3 right = Rotations.camera(90, 0).times(home);
        assertEquals(0, right.x(), EPS);
        assertEquals(1, right.z(), EPS);
        Vec3 up = Rotations.camera(0, 90).times(home);
        assertEquals(-1, up.y(), EPS, "y points down, so up is -y");
    }

    @Test
    void sceneIsTheInverseOfCamera() {
        Mat3 p = Rotations.scene(37, -12).times(Rotations.camera(37, -12));
        assertTrue(p.maxAbsDiff(Mat3.identity()) < EPS);
    }

    @Test
    void sourceToTargetComposesAndInverts() {
        Mat3 ab = Rotations.sourceToTarget(10, 20, 80, -5);
        Mat3 bc = Rotations.sourceToTarget(80, -5, -120, 33);
        Mat3 ac = Rotations.sourceToTarget(10, 20, -120, 33);
        assertTrue(bc.times(ab).maxAbsDiff(ac) < EPS);
        Mat3 ba = Rotations.sourceToTarget(80, -5, 10, 20);
        assertTrue(ba.times(ab).maxAbsDiff(Mat3.identity()) < EPS);
        assertTrue(Rotations.sourceToTarget(44, 9, 44, 9).maxAbsDiff(Mat3.identity()) < EPS);
    }

    @Test
    void pureAzimuthTurnIsARotationAboutTheVerticalAxis() {
        Mat3 r = Rotations.sourceToTarget(0, 0, 90, 0);
        // content at +x (toward the camera) ends up at -z: the camera moved right, the object appears to its left
        Vec3 moved = r.times(new Vec3(1, 0, 0));
        assertEquals(0, moved.x(), EPS);
        assertEquals(0, moved.y(), EPS);
        assertEquals(-1, moved.z(), EPS);
    }

    @Test
    void rigidTransformsComposeAsMatrices() {
        RigidTransform a = new RigidTransform(Rotations.aboutY(30), new Vec3(0.1, -0.2, 0.3));
        RigidTransform b = new RigidTransform(Rotations.aboutZ(-50), new Vec3(-0.4, 0.05, 0));
        double[] ha = a.homogeneous();
        double[] hb = b.homogeneous();
        double[] hab = b.after(a).homogeneous();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += hb[4 * i + k] * ha[4 * k + j];
                }
                assertEquals(s, hab[4 * i + j], EPS);
            }
        }
        Vec3 p = new Vec3(0.3, 0.7, -0.2);
        Vec3 back = a.inverse().apply(a.apply(p));
        assertEquals(p.x(), back.x(), EPS);
        assertEquals(p.y(), back.y(), EPS);
        assertEquals(p.z(), back.z(), EPS);
    }
}
