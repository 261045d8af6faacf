package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code enr info} sizes a model from its config alone; Errors reach the user as one line. */
@Tag("fast")
class InfoAndErrorsTest {
    private static final String WIDE_3D = "{\"img_shape\": [3, 128, 128],"
            + " \"channels_2d\": [64, 64, 128, 128, 128, 128, 256, 256, 128, 128, 128],"
            + " \"strides_2d\": [1, 1, 2, 1, 2, 1, 2, 1, -2, 1, 1],"
            + " \"channels_3d\": [4000, 4000, 128, 128, 128, 64, 64, 64], \"strides_3d\": [1, 1, 2, 1, 1, -2, 1, 1],"
            + " \"num_channels_inv_projection\": [256, 512, 1024], \"num_channels_projection\": [512, 256, 256],"
            + " \"batch_size\": 4}";

    @TempDir
    Path dir;

    @Test
    void infoOfAHugeConfigAllocatesNothing() throws IOException {
        Path config = Files.writeString(dir.resolve("wide.json"), WIDE_3D);
        assertTrue(Files.size(config) < 500);
        Path tiny = Files.writeString(dir.resolve("tiny.json"), TinyModels.tiny().toJson().toString());
        assertEquals(0, CliTestSupport.run("info", tiny.toString()).code()); // loads the classes outside the timing
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        CliTestSupport.Outcome info = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CliTestSupport.run("info", config.toString()));
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("ResBlock3d 4000->4000->4000"), info.out());
        assertTrue(info.out().contains("Total parameters: 1,997,631,747"), info.out()); // counted, not built
        assertTrue(info.out().contains("Training memory (fp32, estimate): "), info.out());
        assertTrue(info.out().contains(" at batch 4)"), info.out());
        assertTrue(rt.totalMemory() - rt.freeMemory() - before < 256L << 20, "info allocated heap");
    }

    @Test
    void outOfMemoryIsOneLine() {
        CommandLine cl = new CommandLine(new Main());
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(1, ErrorHandler.report(new OutOfMemoryError("Java heap space"), cl.getErr()));
        String line = err.toString().strip();
        assertTrue(line.startsWith("enr: error: out of memory"), line);
        assertEquals(-1, line.indexOf('\n'), line);
        assertEquals(1, ErrorHandler.report(new StackOverflowError(), cl.getErr()));
    }
}
