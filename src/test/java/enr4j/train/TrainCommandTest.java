package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.cli.Main;
import enr4j.testing.OneTorchThread;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code enr train} end to end: a budgeted run, then a resume to the end. */
@Tag("fast")
@ExtendWith(OneTorchThread.class)
class TrainCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    private static Outcome enr(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.run(args);
            return new Outcome(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainsWithABudgetThenResumes() throws Exception {
        TrainFixtures.dataset(dir.resolve("data"), 2, 1, 4);
        var c = TrainFixtures.config("data");
        c.put("epochs", 1);
        c.put("batch_size", 4);
        Path config = TrainFixtures.write(dir.resolve("c.json"), c);
        Outcome first = enr("train", config.toString(), "--out", dir.resolve("runs").toString(), "--max-steps", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("run folder "), first.out());
        assertTrue(first.out().contains("stopped at --max-steps after 1 steps"), first.out());
        Path run = onlyRun(dir.resolve("runs"));
        Outcome second = enr("train", "--resume", run.toString(), "--device", "cpu");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("done after 2 steps (1 this run"), second.out());
        assertTrue(second.out().contains("validation loss"), second.out());
        String card = Files.readString(run.resolve("model/README.md"));
        assertTrue(card.contains("- data: `data/train`\n- steps: 2\n"), card);

        Outcome bad = enr("train", dir.resolve("missing.json").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("enr: error: ") && bad.err().strip().lines().count() == 1, bad.err());
        c.put("batch_size", 3);
        Outcome odd = enr("train", TrainFixtures.write(dir.resolve("odd.json"), c).toString());
        assertTrue(odd.err().contains("\"batch_size\" must be even"), odd.err());
    }

    @Test
    void colourAugmentationIsAnOverrideForNewAndResumedRuns() throws Exception {
        TrainFixtures.dataset(dir.resolve("data"), 2, 1, 4);
        var c = TrainFixtures.config("data");
        c.put("epochs", 1);
        c.put("batch_size", 4);
        Path config = TrainFixtures.write(dir.resolve("c.json"), c);
        Outcome bad = enr("train", config.toString(), "--out", dir.resolve("runs").toString(),
                "--colour-augmentation", "1.5");
        assertEquals(1, bad.code());
        assertEquals("enr: error: --colour-augmentation must be in [0, 1], got 1.5", bad.err().strip());
        assertFalse(Files.exists(dir.resolve("runs")), "a bad value is refused before the run folder is made");

        Outcome first = enr("train", config.toString(), "--out", dir.resolve("runs").toString(), "--max-steps", "1",
                "--colour-augmentation", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains(", colour augmentation 1.0\n"), first.out());
        Path run = onlyRun(dir.resolve("runs"));
        Outcome second = enr("train", "--resume", run.toString(), "--colour-augmentation", "0.5");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains(", colour augmentation 0.5\n"), second.out());
        assertTrue(second.out().contains("done after 2 steps (1 this run"), second.out());
    }

    private static Path onlyRun(Path runs) throws java.io.IOException {
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }
}
