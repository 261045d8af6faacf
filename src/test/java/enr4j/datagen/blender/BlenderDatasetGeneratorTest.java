package enr4j.datagen.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import enr4j.data.DatasetException;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.datagen.synth.Camera;
import enr4j.datagen.synth.Mesh;
import enr4j.datagen.synth.ObjLoader;
import enr4j.datagen.synth.ViewMode;
import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Blender on tiny OBJ files. Blender is required: CI installs it through scripts/test.sh; without it these tests
 * fail and say how to install it.
 */
@Tag("e2e")
class BlenderDatasetGeneratorTest {
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    @Test
    void rototranslationDatasetOpensAndMarkersLandWhereOurCameraProjectsThem() throws IOException {
        requireBlender();
        Path meshes = Files.createDirectories(dir.resolve("meshes"));
        Path markers = writeMarkers(meshes);
        writePyramid(meshes);
        Files.writeString(meshes.resolve("broken.obj"), "v 0 0 0\nf 1 2 99\n");
        List<String> lines = new ArrayList<>();
        BlenderOptions options = BlenderOptions.of(BlenderOptions.plan(meshes).scenes(3, 0, 0).views(6).size(SIZE)
                .mode(ViewMode.ROTOTRANSLATION).translationRange(0.2).seed(5).threads(2).build(), null).withSamples(8);
        Path out = dir.resolve("out");
        BlenderSummary summary = BlenderDatasetGenerator.generate(options, out, lines::add);

        assertEquals(2, summary.meshesOk(), summary + " " + lines);
        assertEquals(12, summary.images());
        assertEquals(1, summary.skipped().size());
        SkippedMesh skip = summary.skipped().get(0);
        assertEquals("broken.obj", skip.mesh().getFileName().toString());
        assertTrue(skip.reason().contains("broken.obj") && skip.reason().contains("IndexError"), skip.reason());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("skipped broken.obj: ")), lines.toString());

        SceneDataset train = SceneDataset.open(out.resolve("train"), ReaderOptions.training(SIZE));
        assertEquals(2, train.sceneCount());
        assertEquals(6, train.viewsPerScene());
        assertFalse(Files.exists(out.resolve("val")) || Files.exists(out.resolve("test")));
        for (int s = 0; s < 2; s++) {
            for (int v = 0; v < 6; v++) {
                assertFalse(train.pose(s, v).translation().isZero(), "scene " + s + " view " + v);
            }
        }

        int markerScene = train.scenes().get(0).name().endsWith("markers") ? 0 : 1;
        assertTrue(train.scenes().get(markerScene).name().endsWith("markers"), train.scenes().toString());
        // Where the two marker cubes are in our world frame, by our own OBJ convention and unit-sphere fit.
        Mesh fitted = ObjLoader.load(markers);
        Vec3 red = materialCentre(fitted, 0);
        Vec3 blue = materialCentre(fitted, 1);
        int checked = 0;
        for (int v = 0; v < 6; v++) {
            CameraPose p = train.pose(markerScene, v);
            Camera camera = new Camera(p.azimuth(), p.elevation(), p.translation(), options.plan().radius(),
                    options.plan().fovDegrees());
            double[] redAt = camera.project(red, SIZE);
            double[] blueAt = camera.project(blue, SIZE);
            if (Math.hypot(redAt[0] - blueAt[0], redAt[1] - blueAt[1]) < 16 || !inside(redAt) || !inside(blueAt)) {
                continue; // one marker may hide the other, or sit on the border
            }
            BufferedImage image = ImageIO.read(train.imageFile(markerScene, v).toFile());
            assertCentroid(image, true, redAt, "red marker, view " + v + " " + p);
            assertCentroid(image, false, blueAt, "blue marker, view " + v + " " + p);
            checked++;
        }
        assertTrue(checked >= 3, "only " + checked + " views had both markers clear");
    }

    @Test
    void rotationSplitsHaveTheirViewCountsAndNoTranslations() throws IOException {
        requireBlender();
        Path meshes = Files.createDirectories(dir.resolve("meshes"));
        writeMarkers(meshes);
        writePyramid(meshes);
        BlenderOptions options = BlenderOptions.of(BlenderOptions.plan(meshes).scenes(1, 0, 1).views(4).testViews(6)
                .size(32).threads(2).build(), null).withSamples(4);
        Path out = dir.resolve("out");
        BlenderSummary summary = BlenderDatasetGenerator.generate(options, out, line -> { });
        assertEquals(2, summary.meshesOk(), summary.toString());
        assertEquals(10, summary.images());
        SceneDataset train = SceneDataset.open(out.resolve("train"), ReaderOptions.training(32));
        SceneDataset test = SceneDataset.open(out.resolve("test"), ReaderOptions.evaluation(32));
        assertEquals(4, train.viewsPerScene());
        assertEquals(6, test.viewsPerScene());
        assertEquals(32, train.imageSize());
        Path params = test.scenes().get(0).folder().resolve("render_params.json");
        assertFalse(Files.readString(params).contains("translation"));
        assertEquals(-10, test.pose(0, 0).elevation(), 1e-9); // the test spiral starts at the bottom of [-10, 50]
        assertEquals(50, test.pose(0, 5).elevation(), 1e-9);
    }

    @Test
    void missingBlenderSaysHowToInstallIt() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> BlenderExecutable.locate(dir.resolve("no-such-blender")));
        assertTrue(e.getMessage().contains("apt-get install blender"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-blender"), e.getMessage());
    }

    /** Fails (never skips) when Blender is missing: the pipeline's tests must run in CI. */
    private static void requireBlender() {
        try {
            BlenderExecutable.locate(null);
        } catch (DatasetException e) {
            fail("Blender is required for this test: apt-get install blender (scripts/test.sh installs it): "
                    + e.getMessage());
        }
    }

    private static boolean inside(double[] at) {
        return at[0] > 8 && at[0] < SIZE - 8 && at[1] > 8 && at[1] < SIZE - 8;
    }

    /** Centre of the bounding box of the triangles with material {@code index}. */
    private static Vec3 materialCentre(Mesh mesh, int index) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] p = mesh.positions();
        for (int t = 0; t < mesh.triangleCount(); t++) {
            if (mesh.materialIndex()[t] != index) {
                continue;
            }
            for (int k = 0; k < 9; k++) {
                lo[k % 3] = Math.min(lo[k % 3], p[9 * t + k]);
                hi[k % 3] = Math.max(hi[k % 3], p[9 * t + k]);
            }
        }
        return new Vec3((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2);
    }

    private static void assertCentroid(BufferedImage image, boolean red, double[] expected, String what) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int main = red ? r : b;
                int other = red ? b : r;
                if (main > 30 && g < main / 2 && other < main / 2) {
                    sx += x + 0.5;
                    sy += y + 0.5;
                    n++;
                }
            }
        }
        assertTrue(n >= 10, what + ": only " + n + " pixels of the marker's colour");
        double dx = sx / n - expected[0];
        double dy = sy / n - expected[1];
        assertTrue(Math.hypot(dx, dy) < 2.0, String.format("%s: centroid (%.2f, %.2f), projected (%.2f, %.2f)",
                what, sx / n, sy / n, expected[0], expected[1]));
    }

    /** Two small cubes, red then blue (materials 0 and 1), far apart in an asymmetric layout. */
    private static Path writeMarkers(Path folder) throws IOException {
        Files.writeString(folder.resolve("markers.mtl"), "newmtl red\nKd 0.9 0.05 0.05\nnewmtl blue\nKd 0.05 0.05 0.9\n");
        StringBuilder obj = new StringBuilder("mtllib markers.mtl\nusemtl red\n");
        cube(obj, 0.6, 0.35, -0.1, 0.15, 0);
        obj.append("usemtl blue\n");
        cube(obj, -0.4, -0.3, 0.3, 0.15, 8);
        Path file = folder.resolve("markers.obj");
        Files.writeString(file, obj);
        return file;
    }

    private static void cube(StringBuilder obj, double cx, double cy, double cz, double h, int base) {
        for (int i = 0; i < 8; i++) {
            obj.append(String.format(java.util.Locale.ROOT, "v %.4f %.4f %.4f%n", cx + ((i & 1) == 0 ? -h : h),
                    cy + ((i & 2) == 0 ? -h : h), cz + ((i & 4) == 0 ? -h : h)));
        }
        int[][] faces = {{1, 3, 4, 2}, {5, 6, 8, 7}, {1, 2, 6, 5}, {3, 7, 8, 4}, {1, 5, 7, 3}, {2, 4, 8, 6}};
        for (int[] f : faces) {
            obj.append("f");
            for (int v : f) {
                obj.append(' ').append(base + v);
            }
            obj.append('\n');
        }
    }

    private static void writePyramid(Path folder) throws IOException {
        Files.writeString(folder.resolve("pyramid.mtl"), "newmtl green\nKd 0.1 0.8 0.2\n");
        Files.writeString(folder.resolve("pyramid.obj"), """
                mtllib pyramid.mtl
                usemtl green
                v -1 0 -1
                v 1 0 -1
                v 1 0 1
                v -1 0 1
                v 0 1.5 0
                f 1 2 3 4
                f 1 5 2
                f 2 5 3
                f 3 5 4
                f 4 5 1
                """);
    }
}
