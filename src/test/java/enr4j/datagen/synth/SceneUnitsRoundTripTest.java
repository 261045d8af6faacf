package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Interpolation;
import enr4j.geometry.RigidTransform;
import enr4j.geometry.SceneTransforms;
import enr4j.geometry.SceneUnits;
import enr4j.geometry.Vec3;
import enr4j.geometry.VolumeResampler;
import enr4j.torch.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generator's camera and the model's transform agree on units: an object translated by t in the camera frame
 * appears t / extent of the half-image off centre, and the model moves scene content by t / extent of the volume.
 */
@Tag("fast")
class SceneUnitsRoundTripTest {
    private static final double RADIUS = Camera.DEFAULT_RADIUS;
    private static final double FOV = Camera.fittingFov(RADIUS);
    private static final int N = 24;

    @Test
    void theCameraSeesATranslationAsTheSceneUnitsSay() {
        double extent = SceneUnits.extent(RADIUS, FOV);
        Camera cam = new Camera(37, 12, new Vec3(0f, 0.2f, -0.15f), RADIUS, FOV);
        assertEquals(extent, cam.sceneExtent(), 1e-12);
        int size = 64;
        double[] px = cam.project(Vec3.ZERO, size);
        assertEquals(-0.15 / extent, (px[0] - size / 2.0) / (size / 2.0), 1e-6, "column offset = t_z / extent");
        assertEquals(0.2 / extent, (px[1] - size / 2.0) / (size / 2.0), 1e-6, "row offset = t_y / extent");
    }

    @Test
    void theModelMovesContentByTheSameFraction() {
        double extent = SceneUnits.extent(RADIUS, FOV);
        // a pose change that only translates: the object moves by t_target - t_source in the camera frame
        CameraPose source = new CameraPose(20, 5, new Vec3(0, -0.05, 0.1));
        CameraPose target = new CameraPose(20, 5, new Vec3(0, 0.15, -0.05));
        RigidTransform move = SceneTransforms.sourceToTarget(source, target);
        assertEquals(0.2, move.translation().y(), 1e-9);
        assertEquals(-0.15, move.translation().z(), 1e-9);
        try (PointerScope scope = new PointerScope()) {
            Tensor blob = blob();
            Tensor moved = VolumeResampler.transform(blob, List.of(move), extent, Interpolation.BILINEAR);
            double[] before = centroid(blob);
            double[] after = centroid(moved);
            assertEquals(0.2 / extent, after[1] - before[1], 0.01, "height axis shift");
            assertEquals(-0.15 / extent, after[2] - before[2], 0.01, "width axis shift");
            assertEquals(0.0, after[0] - before[0], 0.01, "no depth shift");
        }
    }

    /** A Gaussian blob at the volume's centre, 1 x 1 x N x N x N. */
    private static Tensor blob() {
        float[] v = new float[N * N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    double x = c(i);
                    double y = c(j);
                    double z = c(k);
                    v[(i * N + j) * N + k] = (float) Math.exp(-(x * x + y * y + z * z) / (2 * 0.15 * 0.15));
                }
            }
        }
        return Tensors.fromFloats(v, 1, 1, N, N, N);
    }

    /** Normalised coordinate of voxel index i (align_corners = false). */
    private static double c(int i) {
        return (2 * i + 1.0) / N - 1;
    }

    /** Intensity-weighted mean of the normalised (depth, height, width) coordinates. */
    private static double[] centroid(Tensor volume) {
        float[] v = Tensors.toFloats(volume);
        double[] s = new double[3];
        double total = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    double w = v[(i * N + j) * N + k];
                    s[0] += w * c(i);
                    s[1] += w * c(j);
                    s[2] += w * c(k);
                    total += w;
                }
            }
        }
        return new double[] {s[0] / total, s[1] / total, s[2] / total};
    }
}
