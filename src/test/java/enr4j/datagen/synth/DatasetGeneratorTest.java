package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import enr4j.data.PoseReading;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.geometry.CameraPose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class DatasetGeneratorTest {

    @TempDir
    Path dir;

    private static GeneratorOptions.Builder tiny(Category category) {
        return GeneratorOptions.builder(category).size(16).supersampling(2).views(4).seed(77);
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void outputIsIdenticalForAnyThreadCount() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        DatasetGenerator.generate(tiny(Category.CHAIRS).scenes(3, 0, 0).threads(1).build(), one);
        DatasetGenerator.generate(tiny(Category.CHAIRS).scenes(3, 0, 0).threads(2).build(), two);
        List<Path> names = files(one);
        assertEquals(3 * 5, names.size());
        assertEquals(names, files(two));
        for (Path name : names) {
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(two.resolve(name)), name.toString());
        }
        Path other = dir.resolve("other");
        DatasetGenerator.generate(tiny(Category.CHAIRS).scenes(3, 0, 0).seed(78).build(), other);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(one.resolve(names.get(0))),
                Files.readAllBytes(other.resolve(names.get(0)))), "another seed gives other images");
    }

    @Test
    void writesSplitsReadableBySceneDataset() {
        GenerationSummary summary = DatasetGenerator.generate(
                tiny(Category.MUGS).scenes(2, 1, 1).mode(ViewMode.ROTOTRANSLATION).build(), dir);
        assertEquals(4, summary.scenes());
        assertEquals(3 * 4 + 251, summary.images());
        assertTrue(summary.imagesPerSecond() > 0);

        SceneDataset train = SceneDataset.open(dir.resolve("train"), new ReaderOptions(16, 16, PoseReading.DEFAULT, false));
        assertEquals(2, train.sceneCount());
        assertEquals(4, train.viewsPerScene());
        assertEquals("mugs_00000", train.scenes().get(0).name());
        CameraPose p = train.pose(1, 2);
        assertTrue(p.azimuth() >= -180 && p.azimuth() < 180 && p.elevation() >= -10 && p.elevation() < 50);
        assertNotEquals(0f, p.translation().x());

        SceneDataset val = SceneDataset.open(dir.resolve("val"), new ReaderOptions(16, 16, PoseReading.DEFAULT, false));
        assertEquals("mugs_00002", val.scenes().get(0).name());

        SceneDataset test = SceneDataset.open(dir.resolve("test"), ReaderOptions.evaluation(16).withCropSize(16));
        assertEquals(251, test.viewsPerScene());
        assertEquals(5.36, test.pose(0, 64).elevation(), 1e-9);
        assertEquals(8.64, test.pose(0, 64).azimuth(), 1e-9);
        byte[] image = test.decode(0, 64);
        int nonWhite = 0;
        for (byte b : image) {
            nonWhite += (b & 0xFF) < 250 ? 1 : 0;
        }
        assertTrue(nonWhite > image.length / 20, "object visible in the source view");
    }

    @Test
    void rotationModeWritesNoTranslationAndSkipsEmptySplits() throws Exception {
        DatasetGenerator.generate(tiny(Category.BOWLS).scenes(1, 0, 0).build(), dir);
        assertTrue(Files.isDirectory(dir.resolve("train")));
        assertFalse(Files.exists(dir.resolve("val")));
        assertFalse(Files.exists(dir.resolve("test")));
        String json = Files.readString(dir.resolve("train/bowls_00000/render_params.json"));
        assertFalse(json.contains("translation"));
    }

    @Test
    void rendersFolderOfObjFiles() throws Exception {
        Path objs = Files.createDirectory(dir.resolve("objs"));
        Files.writeString(objs.resolve("a.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3\nf 1 3 4\nf 1 4 2\nf 2 3 4\n");
        Path out = dir.resolve("out");
        DatasetGenerator.generate(tiny(Category.OBJ).objFolder(objs).scenes(2, 0, 0).build(), out);
        assertEquals(2, SceneDataset.open(out.resolve("train"), new ReaderOptions(16, 16, PoseReading.DEFAULT, false)).sceneCount());

        Files.writeString(objs.resolve("b.obj"), "v 0 0 0\nf 1 2 3\n");
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetGenerator.generate(tiny(Category.OBJ).objFolder(objs).scenes(2, 0, 0).build(), out));
        assertTrue(e.getMessage().contains("b.obj:2:"), e.getMessage());
    }

    @Test
    void invalidOptionsAreRejectedWithNamedValues() {
        assertTrue(assertThrows(DatasetException.class, () -> tiny(Category.CARS).scenes(0, 0, 0).build())
                .getMessage().contains("scene counts"));
        assertTrue(assertThrows(DatasetException.class, () -> tiny(Category.CARS).radius(0.8).build())
                .getMessage().contains("0.8"));
        assertThrows(DatasetException.class, () -> tiny(Category.OBJ).build());
    }
}
