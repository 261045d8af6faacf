package enr4j.datagen.blender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import enr4j.data.Seeds;
import enr4j.datagen.synth.Camera;
import enr4j.datagen.synth.ViewMode;
import enr4j.datagen.synth.ViewPlanner;
import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The matrices sent to Blender see the world exactly as {@link Camera#project} does. */
@Tag("fast")
class BlenderFrameTest {
    private static final int SIZE = 64;
    private static final double RADIUS = Camera.DEFAULT_RADIUS;
    private static final double FOV = Camera.fittingFov(RADIUS);

    /**
     * What a Blender camera does with {@code matrix_world} W (rotation R, location o): a Blender point b has camera
     * coordinates {@code l = R^T (b - o)}, looks along -Z, +X right, +Y up; a square image with sensor fit AUTO and
     * angle fov has focal length {@code (size / 2) / tan(fov / 2)} pixels, rows counted from the top.
     */
    static double[] blenderProject(double[] w, Vec3 b, double fovDegrees, int size) {
        Vec3 d = new Vec3(b.x() - w[3], b.y() - w[7], b.z() - w[11]);
        double lx = w[0] * d.x() + w[4] * d.y() + w[8] * d.z();
        double ly = w[1] * d.x() + w[5] * d.y() + w[9] * d.z();
        double lz = w[2] * d.x() + w[6] * d.y() + w[10] * d.z();
        double f = size / 2.0 / Math.tan(Math.toRadians(fovDegrees) / 2);
        return new double[] {size / 2.0 + f * lx / -lz, size / 2.0 - f * ly / -lz, -lz};
    }

    @Test
    void blenderCameraProjectsLikeOurCamera() {
        SplittableRandom random = new SplittableRandom(7);
        List<CameraPose> views = new ViewPlanner(ViewMode.ROTOTRANSLATION, -80, 80, 0.4)
                .randomViews(200, Seeds.derive(3, 0));
        BlenderJob job = BlenderJob.plan(Path.of("mesh.obj"), Path.of("out"), SIZE, RADIUS, FOV, 8, 1, views);
        for (BlenderView view : job.views()) {
            CameraPose v = view.params();
            Camera camera = new Camera(v.azimuth(), v.elevation(), v.translation(), RADIUS, FOV);
            for (int k = 0; k < 20; k++) {
                Vec3 p = new Vec3(random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1));
                double[] ours = camera.project(p, SIZE);
                // The object (mesh points p) sits at the view's object location in Blender.
                Vec3 b = BlenderFrame.toBlender(p).plus(view.objectLocation());
                double[] theirs = blenderProject(view.cameraMatrixWorld(), b, FOV, SIZE);
                assertArrayEquals(ours, theirs, 1e-9, "view " + v + ", point " + p);
            }
        }
    }

    @Test
    void cameraMatrixIsARotationAtTheCameraPosition() {
        Camera camera = new Camera(37, 21, Vec3.ZERO, RADIUS, FOV);
        double[] w = BlenderFrame.cameraMatrixWorld(camera);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = w[i] * w[j] + w[4 + i] * w[4 + j] + w[8 + i] * w[8 + j];
                assertEquals(i == j ? 1 : 0, dot, 1e-12, "columns " + i + ", " + j);
            }
        }
        double det = w[0] * (w[5] * w[10] - w[6] * w[9]) - w[1] * (w[4] * w[10] - w[6] * w[8])
                + w[2] * (w[4] * w[9] - w[5] * w[8]);
        assertEquals(1, det, 1e-12);
        Vec3 position = BlenderFrame.toBlender(camera.position());
        assertArrayEquals(new double[] {position.x(), position.y(), position.z()}, new double[] {w[3], w[7], w[11]});
        // Blender z is up: the camera at elevation 21 is above the object.
        assertEquals(RADIUS * Math.sin(Math.toRadians(21)), w[11], 1e-12);
    }

    @Test
    void azimuthZeroLooksAlongBlenderMinusXWithZUp() {
        double[] w = BlenderFrame.cameraMatrixWorld(new Camera(0, 0, Vec3.ZERO, RADIUS, FOV));
        assertArrayEquals(new double[] {0, 0, 1, RADIUS, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1}, w, 1e-12);
    }

    @Test
    void jobJsonCarriesTheMatricesRowMajor() throws Exception {
        List<CameraPose> views = List.of(new CameraPose(30, 10, new Vec3(0.1f, -0.2f, 0.3f)));
        BlenderJob job = BlenderJob.plan(Path.of("/m/chair.obj"), Path.of("/o"), 32, RADIUS, FOV, 8, 2, views);
        JsonNode root = new ObjectMapper().readTree(job.toJson());
        assertEquals("/m/chair.obj", root.get("mesh").asText());
        assertEquals(Math.toRadians(FOV), root.get("fov_radians").asDouble(), 1e-15);
        JsonNode view = root.get("views").get(0);
        assertEquals("00000.png", view.get("png").asText());
        double[] w = job.views().get(0).cameraMatrixWorld();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(w[4 * r + c], view.get("camera_matrix_world").get(r).get(c).asDouble(), 0);
            }
        }
        assertEquals(job.views().get(0).objectLocation().z(), view.get("object_location").get(2).asDouble(), 0);
    }
}
