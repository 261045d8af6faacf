package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.eval.EvaluationReport;
import enr4j.testing.GifFiles;
import enr4j.eval.ReportFiles;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the evaluation and visualisation commands on tiny inputs. */
@Tag("fast")
class CommandsTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        data = dir.resolve("data");
        CliTestSupport.Outcome gen = CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "4",
                "--views", "4", "--test-views", "5", "--size", "16", "--split", "0.5:0.25:0.25", "--seed", "3",
                "--threads", "1", "--out", data.toString());
        assertEquals(0, gen.code(), gen.err());
        assertTrue(gen.out().contains("images/s"), gen.out());
        Torch.seed(9);
        model = dir.resolve("tiny.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        BufferedImage img = new BufferedImage(48, 36, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(8, 4, 30, 28);
        g.dispose();
        image = dir.resolve("photo.png");
        ImageIO.write(img, "png", image.toFile());
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isDirectory).count();
        }
    }

    @Test
    void datasetGenerateSplitsTheScenes() throws Exception {
        assertEquals(2, count(data.resolve("train")));
        assertEquals(1, count(data.resolve("val")));
        assertEquals(1, count(data.resolve("test")));
        try (Stream<Path> s = Files.list(data.resolve("test/chairs_00003"))) {
            assertEquals(5 + 1, s.count(), "5 spiral views and render_params.json");
        }
    }

    @Test
    void evaluateWritesBothReportFormats() {
        Path out = dir.resolve("eval/psnr.csv");
        CliTestSupport.Outcome r = CliTestSupport.run("evaluate", model.toString(), data.resolve("test").toString(),
                "--source-view", "0", "--device", "cpu", "--batch", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out));
        EvaluationReport report = ReportFiles.readJson(dir.resolve("eval/psnr.json"));
        assertEquals(1, report.scenes().size());
        assertEquals(4, report.scenes().get(0).views());
        assertTrue(r.out().contains("mean PSNR"), r.out());
    }

    @Test
    void novelViewsWritesGridGifAndInput() throws Exception {
        Path out = dir.resolve("nv");
        CliTestSupport.Outcome r = CliTestSupport.run("novel-views", model.toString(), image.toString(), "--path",
                "spiral", "--frames", "5", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        GifFiles.Info gif = GifFiles.read(out.resolve("novel_views.gif"));
        assertEquals(5, gif.frames());
        assertEquals(0, gif.loopCount());
        assertTrue(Files.isRegularFile(out.resolve("novel_views.png")));
        assertTrue(Files.isRegularFile(out.resolve("input.png")));
        assertTrue(r.out().contains(out.resolve("novel_views.gif").toString()), r.out());
    }

    @Test
    void novelViewsFollowsACustomPath() throws Exception {
        assertEquals(3, customPathFrames("path", "azimuth,elevation\n0,0\n45,10\n90,20\n"));
    }

    /** Runs novel-views along a custom CSV path; returns the GIF's frame count. */
    private int customPathFrames(String name, String csvText) throws Exception {
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, csvText);
        Path out = dir.resolve("nv-" + name);
        CliTestSupport.Outcome r = CliTestSupport.run("novel-views", model.toString(), image.toString(), "--path",
                "custom", "--angles", csv.toString(), "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return GifFiles.read(out.resolve("novel_views.gif")).frames();
    }

    @Test
    void novelViewsMovesTheCameraAlongADriftPath() throws Exception {
        Path out = dir.resolve("nv-drift");
        CliTestSupport.Outcome r = CliTestSupport.run("novel-views", model.toString(), image.toString(), "--path",
                "drift", "--frames", "4", "--translation", "0.2", "--source-translation", "0.1,-0.05,0",
                "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(4, GifFiles.read(out.resolve("novel_views.gif")).frames());
    }

    @Test
    void novelViewsFollowsACustomPathWithTranslations() throws Exception {
        assertEquals(3, customPathFrames("moving", "azimuth,elevation,tx,ty,tz\n0,0,0,0,0\n0,0,0,0.2,0\n30,5\n"));
    }

    @Test
    void plotWritesTheCharts() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        String history = "{\"total\": [1.0, 0.8, 0.6], \"regression\": [0.9, 0.7, 0.5], \"ssim\": [0.3, 0.2, 0.1]}";
        Files.writeString(run.resolve("loss_history.json"), history);
        Files.writeString(run.resolve("epoch_loss_history.json"), history);
        CliTestSupport.Outcome r = CliTestSupport.run("plot", run.toString(), "--out", dir.resolve("charts").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(dir.resolve("charts/loss_iterations.png")) > 0);
        assertTrue(Files.size(dir.resolve("charts/loss_epochs.png")) > 0);
    }
}
