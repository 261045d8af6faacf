package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CameraConventionsTest {

    private static final int SIZE = 32;
    private static final double CENTRE = SIZE / 2.0;
    private static final RenderSettings SETTINGS = new RenderSettings(SIZE, 2, Background.BLACK, true, false);

    private static Camera camera(double az, double el) {
        return new Camera(az, el, Vec3.ZERO, 1.5, Camera.fittingFov(1.5));
    }

    /** Grey core, red marker at world +z, green at world +x, blue at world -y (up). */
    private static Mesh markers() {
        return new WorldMeshes.Soup()
                .cube(0, 0, 0, 0.25, WorldMeshes.GREY)
                .cube(0, 0, 0.6, 0.12, WorldMeshes.RED)
                .cube(0.6, 0, 0, 0.12, WorldMeshes.GREEN)
                .cube(0, -0.6, 0, 0.12, WorldMeshes.BLUE)
                .mesh();
    }

    @Test
    void cameraPositionFollowsSphericalFormula() {
        Vec3 p = camera(0, 0).position();
        assertEquals(1.5, p.x(), 1e-12);
        assertEquals(0, p.y(), 1e-12);
        assertEquals(0, p.z(), 1e-12);
        Vec3 side = camera(90, 0).position();
        assertEquals(0, side.x(), 1e-12);
        assertEquals(1.5, side.z(), 1e-12);
        Vec3 above = camera(30, 40).position();
        assertEquals(1.5 * Math.cos(Math.toRadians(40)) * Math.cos(Math.toRadians(30)), above.x(), 1e-12);
        assertEquals(-1.5 * Math.sin(Math.toRadians(40)), above.y(), 1e-12);
        assertEquals(1.5 * Math.cos(Math.toRadians(40)) * Math.sin(Math.toRadians(30)), above.z(), 1e-12);
    }

    @Test
    void orientationIsRyOfMinusAzimuthTimesRzOfMinusElevation() {
        double az = Math.toRadians(25);
        double el = Math.toRadians(-35);
        double[][] ry = {{Math.cos(-az), 0, Math.sin(-az)}, {0, 1, 0}, {-Math.sin(-az), 0, Math.cos(-az)}};
        double[][] rz = {{Math.cos(-el), -Math.sin(-el), 0}, {Math.sin(-el), Math.cos(-el), 0}, {0, 0, 1}};
        double[] c = camera(25, -35).orientation();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double expected = 0;
                for (int k = 0; k < 3; k++) {
                    expected += ry[i][k] * rz[k][j];
                }
                assertEquals(expected, c[3 * i + j], 1e-12, "C[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void projectionMapsPlusZRightAndPlusYDown() {
        double[] right = camera(0, 0).project(new Vec3(0, 0, 0.5), SIZE);
        assertTrue(right[0] > CENTRE + 1 && Math.abs(right[1] - CENTRE) < 1e-9);
        double[] down = camera(0, 0).project(new Vec3(0, 0.5, 0), SIZE);
        assertTrue(down[1] > CENTRE + 1 && Math.abs(down[0] - CENTRE) < 1e-9);
        // translation is applied in the camera-local frame: +tz moves the object right
        Camera shifted = new Camera(0, 0, new Vec3(0, 0, 0.3f), 1.5, Camera.fittingFov(1.5));
        assertTrue(shifted.project(Vec3.ZERO, SIZE)[0] > CENTRE + 1);
    }

    @Test
    void renderedMarkersFollowConventions() {
        Renderer renderer = new Renderer();
        Mesh mesh = markers();

        int[] front = renderer.renderArgb(mesh, camera(0, 0), SETTINGS);
        double[] red = WorldMeshes.centroid(front, SIZE, 0);
        double[] blue = WorldMeshes.centroid(front, SIZE, 2);
        assertTrue(red[2] > 0 && red[0] > CENTRE + 4, "+z marker on the right at az=0: " + red[0]);
        assertTrue(blue[2] > 0 && blue[1] < CENTRE - 4, "-y marker at the top at az=0: " + blue[1]);
        assertTrue(WorldMeshes.centroid(front, SIZE, 1)[2] > 0, "+x marker faces the camera at az=0");

        int[] side = renderer.renderArgb(mesh, camera(90, 0), SETTINGS);
        double[] redSide = WorldMeshes.centroid(side, SIZE, 0);
        double[] greenSide = WorldMeshes.centroid(side, SIZE, 1);
        assertTrue(Math.abs(redSide[0] - CENTRE) < 1.5 && Math.abs(redSide[1] - CENTRE) < 1.5,
                "camera at +z sees the +z marker in the centre: " + redSide[0] + "," + redSide[1]);
        assertTrue(greenSide[0] < CENTRE - 4, "+x marker on the left at az=90: " + greenSide[0]);

        int[] above = renderer.renderArgb(mesh, camera(0, 85), SETTINGS);
        double[] blueAbove = WorldMeshes.centroid(above, SIZE, 2);
        assertTrue(Math.abs(blueAbove[1] - CENTRE) < 1.5 && Math.abs(blueAbove[0] - CENTRE) < 1.5,
                "camera at elevation 85 looks down on the top marker: " + blueAbove[0] + "," + blueAbove[1]);
        assertTrue(blueAbove[2] > 2 * blue[2], "top marker seen face-on from above is larger");
        double[] redAbove = WorldMeshes.centroid(above, SIZE, 0);
        assertTrue(redAbove[0] > CENTRE + 4, "+z marker still on the right from above: " + redAbove[0]);
    }

    @Test
    void fittingFovMakesUnitSphereTouchImageEdge() {
        Camera c = camera(0, 0);
        // tangent point of the unit sphere seen from (1.5, 0, 0): x = 1/1.5, z = sqrt(1 - x^2)
        double x = 1 / 1.5;
        double[] edge = c.project(new Vec3(x, 0, Math.sqrt(1 - x * x)), SIZE);
        assertEquals(SIZE, edge[0], 1e-9);
    }
}
