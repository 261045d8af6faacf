package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric options outside their range, colours and inputs of the wrong kind: one line that names them. */
@Tag("fast")
class OptionLimitsTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliTestSupport.Outcome r, String expected) {
        assertEquals(1, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertEquals("enr: error: " + expected, err);
    }

    private CliTestSupport.Outcome generate(String... options) {
        String[] args = {"dataset", "generate", "--category", "chairs", "--scenes", "1", "--out",
            dir.resolve("out").toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + options.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        return CliTestSupport.run(all);
    }

    @Test
    void anImageSizeBeyondTheLimitIsRefusedBeforeRendering() {
        assertOneLineError(generate("--size", "20000"), "--size must be between 1 and 4096, got 20000");
        assertOneLineError(generate("--size", "0"), "--size must be between 1 and 4096, got 0");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void viewSceneAndThreadCountsHaveLimits() {
        assertOneLineError(generate("--views", "2000000000"), "--views must be between 2 and 10000, got 2000000000");
        assertOneLineError(generate("--test-views", "1"), "--test-views must be between 2 and 10000, got 1");
        assertOneLineError(CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "0"),
                "--scenes must be between 1 and 1000000, got 0");
        assertOneLineError(generate("--threads", "0"), "--threads must be between 1 and 1024, got 0");
        assertOneLineError(CliTestSupport.run("dataset", "blender", "--meshes", dir.toString(), "--size", "99999"),
                "--size must be between 1 and 4096, got 99999");
        assertOneLineError(CliTestSupport.run("dataset", "blender", "--meshes", dir.toString(), "--samples", "0"),
                "--samples must be between 1 and 65536, got 0");
        assertOneLineError(CliTestSupport.run("train", "--resume", dir.toString(), "--processes", "100000"),
                "--processes must be between 1 and 1024, got 100000");
    }

    @Test
    void theGraphsSwitchTakesOnOrOff() {
        CliTestSupport.Outcome r = CliTestSupport.run("bench", "--graphs", "maybe", "--device", "cpu");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--graphs takes on or off, got 'maybe'"), r.err());
    }

    @Test
    void aNumberTooLargeForItsTypeIsAUsageError() {
        CliTestSupport.Outcome r = generate("--size", "99999999999");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'99999999999' is not an int"), r.err());
    }

    @Test
    void framesHaveLimits() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path image = dir.resolve("i.png");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        assertOneLineError(CliTestSupport.run("novel-views", model.toString(), image.toString(), "--frames",
                "100000000", "--device", "cpu", "--out", dir.resolve("nv").toString()),
                "--frames must be between 1 and 3600, got 100000000");
        assertOneLineError(CliTestSupport.run("demo", "--frames", "0", "--out", dir.resolve("demo").toString()),
                "--frames must be between 1 and 3600, got 0");
    }

    @Test
    void aFolderGivenAsTheImageSaysSo() throws Exception {
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        Path folder = Files.createDirectories(dir.resolve("photos"));
        assertOneLineError(CliTestSupport.run("novel-views", model.toString(), folder.toString(), "--device", "cpu",
                "--out", dir.resolve("nv").toString()),
                folder + " is a directory, not an image file");
    }

    @Test
    void backgroundAsRgbColoursTheImages() throws Exception {
        CliTestSupport.Outcome r = generate("--views", "2", "--size", "16", "--background", "10, 200,30");
        assertEquals(0, r.code(), r.out() + r.err());
        BufferedImage view = ImageIO.read(dir.resolve("out/train/chairs_00000/00000.png").toFile());
        assertEquals(0x0AC81E, view.getRGB(0, 0) & 0xFFFFFF, "the corner shows the background");
        assertEquals(0x0AC81E, view.getRGB(15, 0) & 0xFFFFFF);
    }

    @Test
    void backgroundAsHexStillWorksAndABadColourIsNamed() throws Exception {
        CliTestSupport.Outcome r = generate("--views", "2", "--size", "16", "--background", "#0000ff");
        assertEquals(0, r.code(), r.out() + r.err());
        BufferedImage view = ImageIO.read(dir.resolve("out/train/chairs_00000/00001.png").toFile());
        assertEquals(0x0000FF, view.getRGB(0, 15) & 0xFFFFFF);
        assertOneLineError(generate("--background", "10,20,300", "--overwrite"), "unknown background '10,20,300'"
                + " (use white, black, transparent, R,G,B with each 0 to 255, or #rrggbb)");
        assertOneLineError(generate("--background", "10,20", "--overwrite"), "unknown background '10,20'"
                + " (use white, black, transparent, R,G,B with each 0 to 255, or #rrggbb)");
    }
}
