package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code 1 and one line naming the problem. */
@Tag("fast")
class BadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliTestSupport.Outcome r, String mentions) {
        assertEquals(1, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("enr: error: ") && err.contains(mentions), err);
    }

    @Test
    void missingModel() {
        Path missing = dir.resolve("nope.zip");
        assertOneLineError(CliTestSupport.run("evaluate", missing.toString(), dir.toString(), "--device", "cpu"),
                missing.toString());
        assertOneLineError(CliTestSupport.run("serve", missing.toString(), "--port", "0", "--device", "cpu"),
                missing.toString());
    }

    @Test
    void missingOrNonImageInput() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path missing = dir.resolve("missing.png");
        assertOneLineError(CliTestSupport.run("novel-views", model.toString(), missing.toString(), "--device", "cpu",
                "--out", dir.resolve("o").toString()), missing.toString());
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        assertOneLineError(CliTestSupport.run("novel-views", model.toString(), text.toString(), "--device", "cpu",
                "--out", dir.resolve("o").toString()), "not an image");
    }

    @Test
    void badNovelViewPathOptions() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path image = dir.resolve("i.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", image.toFile());
        String[] common = {"novel-views", model.toString(), image.toString(), "--device", "cpu", "--out",
                dir.resolve("o").toString()};
        for (String bad : new String[] {"0.1,0.2", "0,abc,0", "1,2,3,4", "NaN,0,0"}) {
            assertOneLineError(CliTestSupport.run(with(common, "--source-translation", bad)), "--source-translation");
        }
        assertOneLineError(CliTestSupport.run(with(common, "--translation", "0.3")), "--path drift");
        Path csv = dir.resolve("path.csv");
        Files.writeString(csv, "azimuth,elevation,tx,ty,tz\n0,0,0,0,0\n10,0,0.1\n");
        assertOneLineError(CliTestSupport.run(with(common, "--path", "custom", "--angles", csv.toString())),
                csv + ":3");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void notADataset() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertOneLineError(CliTestSupport.run("evaluate", model.toString(), empty.toString(), "--device", "cpu"),
                empty.toString());
    }

    @Test
    void badOptions() {
        assertOneLineError(CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "4",
                "--split", "0.5:0.5:0.5", "--out", dir.toString()), "--split");
        assertOneLineError(CliTestSupport.run("plot", dir.resolve("norun").toString()), "norun");
    }
}
