package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class SceneDatasetTest {

    @TempDir
    Path dir;

    private static void assertMessageContains(DatasetException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void opensScenesSortedWithParamsAndDecodedPixels() {
        TestDatasets.write(dir, 3, 4, 8);
        SceneDataset ds = SceneDataset.open(dir, new ReaderOptions(8, 8, PoseReading.DEFAULT, false));
        assertEquals(3, ds.sceneCount());
        assertEquals(4, ds.viewsPerScene());
        assertEquals(List.of("scene_000", "scene_001", "scene_002"), ds.scenes().stream().map(Scene::name).toList());
        assertEquals(new CameraPose(TestDatasets.azimuth(2, 3), TestDatasets.elevation(2, 3), new Vec3(2, 3, 0.5f)),
                ds.pose(2, 3));
        byte[] image = ds.decode(2, 3);
        assertEquals(3 * 8 * 8, image.length);
        assertEquals(TestDatasets.red(2), image[0] & 0xFF);
        assertEquals(TestDatasets.green(3), image[64] & 0xFF);
        assertEquals(TestDatasets.BLUE, image[128 + 63] & 0xFF);
    }

    @Test
    void poseReadingConvertsRadiansOnlyWhenAskedAndCanDropTranslations() {
        TestDatasets.write(dir, 2, 4, 4);
        CameraPose stored = SceneDataset.open(dir, ReaderOptions.training(4)).pose(1, 2);
        assertEquals(new Vec3(1, 2, 0.5f), stored.translation());
        CameraPose radians = SceneDataset.open(dir, ReaderOptions.training(4).withAnglesInRadians(true)).pose(1, 2);
        assertEquals(Math.toDegrees(stored.azimuth()), radians.azimuth(), 1e-9);
        assertEquals(Math.toDegrees(stored.elevation()), radians.elevation(), 1e-9);
        assertEquals(stored.translation(), radians.translation());
        CameraPose rotationOnly = SceneDataset.open(dir,
                ReaderOptions.training(4).withPoses(new PoseReading(false, true))).pose(1, 2);
        assertEquals(new CameraPose(stored.azimuth(), stored.elevation(), Vec3.ZERO), rotationOnly);
    }

    @Test
    void oddViewCountDropsLastViewUnlessAllowed() {
        TestDatasets.write(dir, 2, 5, 4);
        assertEquals(4, SceneDataset.open(dir, new ReaderOptions(4, 4, PoseReading.DEFAULT, false)).viewsPerScene());
        SceneDataset all = SceneDataset.open(dir, new ReaderOptions(4, 4, PoseReading.DEFAULT, true));
        assertEquals(5, all.viewsPerScene());
        assertEquals(TestDatasets.green(4), all.decode(1, 4)[16] & 0xFF);
    }

    @Test
    void differentViewCountsNameBothScenes() throws Exception {
        TestDatasets.write(dir, 2, 4, 4);
        Path other = dir.resolve("scene_002");
        TestDatasets.write(dir.resolve("tmp"), 1, 6, 4);
        Files.move(dir.resolve("tmp/scene_000"), other);
        Files.delete(dir.resolve("tmp"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4)));
        assertMessageContains(e, "scene_000", "4", "scene_002", "6");
    }

    @Test
    void structuralErrorsAreNamed() throws Exception {
        assertMessageContains(assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4))), "empty dataset");

        TestDatasets.write(dir, 1, 1, 4);
        assertMessageContains(assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4))), "scene_000", "at least 2");

        Files.delete(dir.resolve("scene_000/render_params.json"));
        assertMessageContains(assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4))), "render_params.json", "scene_000");
    }

    @Test
    void imageWithoutParamsAndParamsWithoutImageAreNamed() throws Exception {
        TestDatasets.write(dir, 1, 2, 4);
        Files.copy(dir.resolve("scene_000/00000.png"), dir.resolve("scene_000/00002.png"));
        assertMessageContains(assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4))), "00002.png", "00002");

        Files.delete(dir.resolve("scene_000/00002.png"));
        Files.delete(dir.resolve("scene_000/00001.png"));
        assertMessageContains(assertThrows(DatasetException.class,
                () -> SceneDataset.open(dir, ReaderOptions.training(4))), "00001");
    }

    @Test
    void corruptImageErrorNamesFile() throws Exception {
        TestDatasets.write(dir, 1, 2, 4);
        Path bad = dir.resolve("scene_000/00001.png");
        Files.writeString(bad, "not a png");
        SceneDataset ds = SceneDataset.open(dir, ReaderOptions.training(4));
        assertMessageContains(assertThrows(DatasetException.class, () -> ds.decode(0, 1)), bad.toString());
    }
}
