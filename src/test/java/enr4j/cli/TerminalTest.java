package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.io.Terminal;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ANSI codes only on an interactive terminal; pipes and logs get plain lines. */
@Tag("fast")
class TerminalTest {
    private static final String ESC = "\u001b";

    @Test
    void onlyATerminalThatIsNotDumbIsInteractive() {
        assertTrue(Terminal.interactive(true, Map.of("TERM", "xterm-256color")));
        assertFalse(Terminal.interactive(false, Map.of("TERM", "xterm-256color")), "a pipe or a file");
        assertFalse(Terminal.interactive(true, Map.of("TERM", "dumb")));
        assertFalse(Terminal.interactive(true, Map.of()), "no TERM at all");
    }

    @Test
    void noColorTurnsColoursOffButNotTheTerminal() {
        assertTrue(Terminal.colours(true, Map.of("TERM", "xterm")));
        assertFalse(Terminal.colours(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertTrue(Terminal.interactive(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertTrue(Terminal.colours(true, Map.of("TERM", "xterm", "NO_COLOR", "")), "an empty NO_COLOR is unset");
        assertFalse(Terminal.colours(false, Map.of("TERM", "xterm")));
    }

    @Test
    void progressWithoutATerminalIsPlainLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.lines("evaluate", 3, "scenes", out)) {
            progress.stepTo(1, "a 20.00 dB");
            progress.stepTo(2, "b 21.00 dB");
            progress.stepTo(3, "c 22.00 dB");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("evaluate: 3/3 scenes, c 22.00 dB\n", text.replace("\r\n", "\n"),
                "within the interval only the last step is printed, as a line of its own");
    }

    @Test
    void evaluateThroughAPipeReportsProgressAsPlainLines(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "2", "--views",
                "2", "--size", "16", "--out", data.toString()).code());
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);
        CliTestSupport.Outcome r = CliTestSupport.run("evaluate", model.toString(), data.resolve("train").toString(),
                "--source-view", "0", "--device", "cpu", "--out", dir.resolve("r.json").toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains(ESC) || r.err().contains(ESC), r.err());
        assertFalse(r.err().contains("\r"), "no line redrawn in place");
        assertTrue(r.err().matches("(?s).*evaluate: 2/2 scenes, chairs_0000[01] -?\\d+\\.\\d\\d dB\n.*"), r.err());
    }

    @Test
    void helpAndErrorsThroughAPipeCarryNoEscapeCodes() {
        CliTestSupport.Outcome help = CliTestSupport.run("dataset", "generate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--overwrite"), help.out());
        assertFalse(help.out().contains(ESC) || help.err().contains(ESC), help.out());
        CliTestSupport.Outcome usage = CliTestSupport.run("dataset", "generate", "--scenes", "x");
        assertEquals(2, usage.code());
        assertFalse(usage.err().contains(ESC), usage.err());
    }
}
