package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --version, help, completion, --quiet / --verbose, bench on the CPU, and the hint for a config's missing data. */
@Tag("fast")
class ReleaseCliTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesEnr4jLibtorchAndCuda() throws Exception {
        CliTestSupport.Outcome r = CliTestSupport.run("--version");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("enr4j " + pomVersion(), lines.get(0));
        assertTrue(lines.get(1).matches("libtorch \\d+\\.\\d+\\.\\d+ \\(JavaCPP presets \\S+, CPU build\\)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("CUDA none (CPU build"), lines.get(2));
    }

    @Test
    void helpShowsOneCommandsUsage() {
        CliTestSupport.Outcome r = CliTestSupport.run("help", "plot");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: enr plot"), r.out());
        assertTrue(r.out().contains("--smoothing"), r.out());
        assertNotEquals(0, CliTestSupport.run("help", "no-such-command").code());
    }

    @Test
    void completionCoversCommandsAndTheirOptions() {
        CliTestSupport.Outcome r = CliTestSupport.run("completion");
        assertEquals(0, r.code(), r.err());
        String script = r.out();
        assertTrue(script.contains("complete -F _complete_enr"), "no bash completion registration");
        for (String word : List.of("novel-views", "dataset", "generate", "completion", "--smoothing", "--quiet")) {
            assertTrue(script.contains(word), "completion lacks " + word);
        }
    }

    @Test
    void quietMutesStdoutBeforeOrAfterTheCommand() {
        CliTestSupport.Outcome normal = CliTestSupport.run("info", "configs/tiny.json");
        assertEquals(0, normal.code(), normal.err());
        assertTrue(normal.out().contains("Inverse renderer"), normal.out());
        for (String[] args : List.of(new String[] {"--quiet", "info", "configs/tiny.json"},
                new String[] {"info", "-q", "configs/tiny.json"})) {
            CliTestSupport.Outcome quiet = CliTestSupport.run(args);
            assertEquals(0, quiet.code(), quiet.err());
            assertEquals("", quiet.out(), Arrays.toString(args));
        }
        CliTestSupport.Outcome failed = CliTestSupport.run("--quiet", "info", dir.resolve("none.json").toString());
        assertEquals(1, failed.code());
        assertTrue(failed.err().startsWith("enr: error: "), "quiet still reports errors: " + failed.err());
    }

    @Test
    void verboseAddsVersionsAndTheStackTrace() {
        String missing = dir.resolve("none.json").toString();
        CliTestSupport.Outcome plain = CliTestSupport.run("info", missing);
        assertEquals(1, plain.code());
        assertEquals(1, plain.err().lines().count(), plain.err());
        CliTestSupport.Outcome verbose = CliTestSupport.run("info", missing, "--verbose");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().startsWith("enr: enr4j "), verbose.err());
        assertTrue(verbose.err().contains("\tat enr4j.cli."), "no stack trace: " + verbose.err());
        assertNotEquals(0, CliTestSupport.run("--quiet", "--verbose", "info", "configs/tiny.json").code());
    }

    @Test
    void benchOnTheCpuPrintsNoGpuFields() {
        CliTestSupport.Outcome r = CliTestSupport.run("bench", "--config", "configs/tiny.json", "--batch", "2",
                "--warmup", "1", "--steps", "1", "--inference-calls", "1", "--size", "16", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("train_images_per_s:"), r.out());
        assertTrue(r.out().contains("inference_ms_1_to_16_views:"), r.out());
        assertFalse(r.out().toLowerCase().contains("gpu"), r.out());
        assertFalse(r.out().contains("utilisation_of_peak"), "a GPU's peak is no yardstick on the CPU: " + r.out());
        assertFalse((r.out() + r.err()).contains("peak memory"), r.out() + r.err());
    }

    @Test
    void benchMemoryTraceOnTheCpuSaysWhyAndRunsOn() {
        Path report = dir.resolve("memory/report.txt");
        CliTestSupport.Outcome r = CliTestSupport.run("bench", "--config", "configs/tiny.json", "--batch", "2",
                "--warmup", "1", "--steps", "1", "--inference-calls", "1", "--size", "16", "--device", "cpu",
                "--memory-trace", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("memory trace: needs a CUDA device, none written"), r.err());
        assertTrue(r.out().contains("train_images_per_s:"), r.out());
        assertFalse(Files.exists(report));
        CliTestSupport.Outcome none = CliTestSupport.run("bench", "--config", "configs/tiny.json", "--steps", "0",
                "--device", "cpu", "--memory-trace", report.toString());
        assertNotEquals(0, none.code());
        assertTrue(none.err().contains("--memory-trace traces the training steps: give --steps 1 or more"), none.err());
    }

    @Test
    void benchWithNoTrainingStepsTimesInferenceOnly() {
        CliTestSupport.Outcome r = CliTestSupport.run("bench", "--config", "configs/tiny.json", "--steps", "0",
                "--inference-calls", "1", "--size", "16", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("inference_ms_1_to_16_views:"), r.out());
        assertTrue(r.out().contains("inference_ms_1_to_1_view:"), r.out());
        assertFalse(r.out().contains("train_"), "no training figures without training steps: " + r.out());
        assertFalse(r.out().contains("NaN"), r.out());
    }

    @Test
    void missingTinyDataNamesTheCommandThatMakesIt() throws Exception {
        assumeFalse(Files.exists(Path.of("data/tiny/train")), "data/tiny exists here: nothing is missing");
        CliTestSupport.Outcome r = CliTestSupport.run("train", "configs/tiny.json", "--out", dir.resolve("runs").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        Matcher m = Pattern.compile("make the data with: enr (dataset generate .* --out (\\S+))$").matcher(r.err().strip());
        assertTrue(m.find(), r.err());
        assertEquals("data/tiny", m.group(2));

        List<String> command = new ArrayList<>(List.of(m.group(1).split(" ")));
        Path out = dir.resolve("data/tiny");
        command.set(command.size() - 1, out.toString());
        CliTestSupport.Outcome gen = CliTestSupport.run(command.toArray(String[]::new));
        assertEquals(0, gen.code(), gen.err());
        assertTrue(Files.isDirectory(out.resolve("train")) && Files.isDirectory(out.resolve("val")), gen.out());
        assertFalse(Files.exists(dir.resolve("runs")), "a failed train leaves no run folder");
    }

    @Test
    void missingReferenceDataSaysWhereItComesFrom() {
        assumeFalse(Files.exists(Path.of("chairs-train")) || Files.exists(Path.of("configs/chairs-train")));
        CliTestSupport.Outcome r = CliTestSupport.run("train", "configs/reference.json", "--out",
                dir.resolve("runs").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\"path_to_data\""), r.err());
        assertTrue(r.err().contains(DataHint.REFERENCE_DATA + "chairs.zip"), r.err());
        assertTrue(r.err().contains("chairs-train.zip and chairs-val.zip into the working folder"), r.err());
    }

    private static String pomVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>enr4j</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }
}
