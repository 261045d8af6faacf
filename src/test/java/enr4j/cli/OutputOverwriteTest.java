package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.RenderParamsFile;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that already holds something is refused unless {@code --overwrite}, and then replaced whole: nothing of
 * the old output survives among the new files, and a refused run leaves the old output as it was.
 */
@Tag("fast")
class OutputOverwriteTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path image;
    static Path testSet;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("tiny.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        image = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        Path data = dir.resolve("eval-data");
        assertEquals(0, generate(data, "2", "4").code());
        testSet = data.resolve("train");
    }

    private static CliTestSupport.Outcome generate(Path out, String scenes, String views, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("dataset", "generate", "--category", "chairs",
                "--scenes", scenes, "--views", views, "--size", "16", "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static void assertRefused(CliTestSupport.Outcome r, Path target) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().strip().startsWith("enr: error: " + target), r.err());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void datasetGenerateRefusesAFolderWithDataAndReplacesItWholeWithOverwrite() throws Exception {
        Path out = dir.resolve("chairs");
        assertEquals(0, generate(out, "3", "4").code());
        List<String> before = tree(out);
        assertTrue(before.contains("train/chairs_00002/00003.png"), before.toString());

        assertRefused(generate(out, "1", "2"), out);
        assertEquals(before, tree(out), "a refused run leaves the old dataset as it was");

        CliTestSupport.Outcome r = generate(out, "1", "2", "--overwrite");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("", "train", "train/chairs_00000", "train/chairs_00000/00000.png",
                "train/chairs_00000/00001.png", "train/chairs_00000/render_params.json"), tree(out));
        assertEquals(2, RenderParamsFile.read(out.resolve("train/chairs_00000/render_params.json"), false).size());
        try (Stream<Path> siblings = Files.list(dir)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().startsWith(".chairs")),
                    "no staging or old copy left beside the dataset");
        }
    }

    @Test
    void anEmptyFolderIsNoData() throws Exception {
        Path out = Files.createDirectories(dir.resolve("empty-target"));
        assertEquals(0, generate(out, "1", "2").code());
        assertTrue(Files.isRegularFile(out.resolve("train/chairs_00000/00001.png")));
    }

    @Test
    void anInputInsideTheFolderToReplaceIsRefused() throws Exception {
        Path out = dir.resolve("objs-inside");
        Path objs = Files.createDirectories(out.resolve("objs"));
        Files.writeString(objs.resolve("tri.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        CliTestSupport.Outcome r = CliTestSupport.run("dataset", "generate", "--category", "obj", "--obj-folder",
                objs.toString(), "--scenes", "1", "--views", "2", "--size", "8", "--out", out.toString(), "--overwrite");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(objs + " lies inside --out"), r.err());
        assertTrue(Files.isRegularFile(objs.resolve("tri.obj")));
    }

    @Test
    void datasetBlenderRefusesAFolderWithDataBeforeRendering() throws Exception {
        Path meshes = Files.createDirectories(dir.resolve("meshes"));
        Files.writeString(meshes.resolve("a.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        Path out = Files.createDirectories(dir.resolve("blender-out"));
        Files.writeString(out.resolve("notes.txt"), "kept");
        CliTestSupport.Outcome r = CliTestSupport.run("dataset", "blender", "--meshes", meshes.toString(), "--out",
                out.toString(), "--blender", dir.resolve("no-such-blender").toString());
        assertRefused(r, out);
        assertEquals("kept", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void evaluateRefusesToReplaceEitherReportFile() throws Exception {
        Path json = dir.resolve("reports/psnr.json");
        Path csv = dir.resolve("reports/psnr.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "an earlier report");
        CliTestSupport.Outcome r = evaluate(json);
        assertRefused(r, csv);
        assertEquals("an earlier report", Files.readString(csv));
        assertFalse(Files.exists(json), "nothing written when refused");

        CliTestSupport.Outcome again = evaluate(json, "--overwrite");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(Files.readString(csv).startsWith("scene,views,psnr,ssim"));
        assertTrue(Files.isRegularFile(json));
    }

    @Test
    void evaluateRefusesAReportNameThatIsNeitherJsonNorCsvBeforeEvaluating() {
        CliTestSupport.Outcome r = evaluate(dir.resolve("report.txt"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("must end in .json or .csv"), r.err());
        assertEquals("", r.out(), "refused before evaluating");
    }

    private static CliTestSupport.Outcome evaluate(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", model.toString(), testSet.toString(),
                "--source-view", "0", "--device", "cpu", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }

    @Test
    void novelViewsRefusesAFolderWithFilesAndReplacesItWholeWithOverwrite() throws Exception {
        Path out = Files.createDirectories(dir.resolve("views"));
        Files.writeString(out.resolve("old_frame.png"), "from an earlier run");
        assertRefused(novelViews(out), out);
        assertEquals("from an earlier run", Files.readString(out.resolve("old_frame.png")));

        CliTestSupport.Outcome r = novelViews(out, "--overwrite");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("", "input.png", "novel_views.gif", "novel_views.png"), tree(out));
        assertTrue(r.out().contains(out.resolve("novel_views.gif").toString()), r.out());
    }

    @Test
    void novelViewsWillNotReplaceTheFolderHoldingItsImage() throws Exception {
        Path out = Files.createDirectories(dir.resolve("album"));
        Path inside = out.resolve("photo.png");
        Files.copy(image, inside);
        CliTestSupport.Outcome r = CliTestSupport.run("novel-views", model.toString(), inside.toString(), "--frames",
                "2", "--device", "cpu", "--out", out.toString(), "--overwrite");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("lies inside --out"), r.err());
        assertTrue(Files.isRegularFile(inside));
    }

    private static CliTestSupport.Outcome novelViews(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("novel-views", model.toString(), image.toString(),
                "--frames", "3", "--device", "cpu", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliTestSupport.run(args.toArray(String[]::new));
    }
}
