package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.model.ModelFiles;
import enr4j.testing.OneTorchThread;
import enr4j.viz.LossPlots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A diverging run, a crash, a second process and broken run files: nothing the user had is lost or misread. */
@Tag("fast")
@ExtendWith(OneTorchThread.class)
class TrainingSafetyTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;


    @BeforeAll
    static void data() {
        TrainFixtures.dataset(shared.resolve("data"), 6, 2, 8);
    }

    private static TrainingConfig config(UnaryOperator<ObjectNode> edit) {
        return TrainFixtures.load(shared, edit);
    }

    private static Path oneEpochRun(Path out) {
        return Trainer.create(config(o -> o.put("epochs", 1)), out, Trainer.Options.quiet()).run().runDirectory();
    }

    private static List<Path> entries(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void aDivergingRunStopsAndKeepsTheLastGoodState() throws Exception {
        Path run = oneEpochRun(dir);
        byte[] state = Files.readAllBytes(run.resolve("state/trainer.json"));
        byte[] stateWeights = Files.readAllBytes(run.resolve("state/model").resolve(ModelFiles.WEIGHTS_FILE));
        byte[] best = Files.readAllBytes(run.resolve("best_model").resolve(ModelFiles.WEIGHTS_FILE));
        ObjectNode c = (ObjectNode) RunDirectory.readJson(run.resolve("config.json"));
        c.put("lr", 1e4).put("epochs", 4);
        TrainFixtures.write(run.resolve("config.json"), c);

        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class,
                () -> Trainer.resume(run, cfg -> cfg, Trainer.Options.quiet()).run());
        assertTrue(e.getMessage().matches("training stopped: non-finite .* at step " + e.step() + "; the last good "
                + "state \\(step 6\\) is kept in .*"), e.getMessage());
        assertTrue(e.step() > 6, "a step of this invocation: " + e.step());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(state, Files.readAllBytes(run.resolve("state/trainer.json")));
        assertArrayEquals(stateWeights, Files.readAllBytes(run.resolve("state/model").resolve(ModelFiles.WEIGHTS_FILE)));
        assertArrayEquals(best, Files.readAllBytes(run.resolve("best_model").resolve(ModelFiles.WEIGHTS_FILE)));
        for (String h : List.of("loss_history.json", "epoch_loss_history.json", "val_loss_history.json")) {
            LossHistory read = LossHistory.fromJson(RunDirectory.readJson(run.resolve(h)), h);
            assertTrue(read.total().stream().allMatch(Double::isFinite), h + " " + read.total());
        }
        assertEquals(2, LossPlots.write(run, dir.resolve("plots")).size(), "enr plot reads what train wrote");

        // tolerating a few non-finite steps: still nothing saved from them
        c.put("max_non_finite_steps", 3);
        TrainFixtures.write(run.resolve("config.json"), c);
        e = assertThrows(NonFiniteTrainingException.class,
                () -> Trainer.resume(run, cfg -> cfg, Trainer.Options.quiet()).run());
        assertTrue(e.getMessage().contains(" at step " + e.step() + " and the 2 steps after it; the last good state "
                + "(step 6)"), e.getMessage());
        assertArrayEquals(state, Files.readAllBytes(run.resolve("state/trainer.json")));
        assertArrayEquals(best, Files.readAllBytes(run.resolve("best_model").resolve(ModelFiles.WEIGHTS_FILE)));
    }

    @Test
    void nonFiniteLossesAreWrittenAsNullAndStayPlottable() throws Exception {
        LossHistory h = new LossHistory();
        h.add(0.5, 0.4, 2);
        h.add(Double.NaN, Double.POSITIVE_INFINITY, 2);
        h.add(0.3, 0.2, 2);
        String json = h.toJson().toString();
        assertEquals("{\"total\":[0.5,null,0.3],\"regression\":[0.4,null,0.2],\"ssim\":[2.0,2.0,2.0]}", json);
        LossHistory back = LossHistory.fromJson(enr4j.io.Json.read(json, "h.json"), "h.json");
        assertTrue(Double.isNaN(back.total().get(1)));
        String msg = assertThrows(IllegalArgumentException.class, () -> LossHistory.fromJson(
                enr4j.io.Json.read("{\"total\":[\"x\"],\"regression\":[1],\"ssim\":[1]}", "h.json"), "h.json"))
                .getMessage();
        assertEquals("h.json: \"total\"[0] must be a number, got \"x\"", msg);
        Path run = Files.createDirectories(dir.resolve("run"));
        for (String name : List.of("loss_history.json", "epoch_loss_history.json")) {
            Files.writeString(run.resolve(name), json);
        }
        assertEquals(2, LossPlots.write(run, dir.resolve("plots")).size());
    }

    @Test
    void aFailedNewRunLeavesNoRunFolder() throws Exception {
        Trainer t = Trainer.create(config(o -> o), dir.resolve("runs"), Trainer.Options.quiet());
        t.addStepHook(step -> {
            throw new IllegalStateException("failure in the first step");
        });
        assertThrows(IllegalStateException.class, t::run);
        assertEquals(List.of(), entries(dir.resolve("runs")));
        Trainer diverging = Trainer.create(config(o -> o.put("lr", 1e4)), dir.resolve("runs"), Trainer.Options.quiet());
        String msg = assertThrows(NonFiniteTrainingException.class, diverging::run).getMessage();
        assertTrue(msg.contains("no state was saved yet"), msg);
        assertEquals(List.of(), entries(dir.resolve("runs")));
    }

    @Test
    void aSecondResumeOfOneRunRefusesAndAStaleLockIsTakenOver() throws Exception {
        Path run = oneEpochRun(dir);
        Trainer first = Trainer.resume(run, cfg -> cfg.withEpochs(2), Trainer.Options.quiet());
        String msg = assertThrows(IllegalStateException.class,
                () -> Trainer.resume(run, cfg -> cfg.withEpochs(2), Trainer.Options.quiet())).getMessage();
        assertEquals(run + " is being trained by process " + ProcessHandle.current().pid()
                + " (run.lock); wait for it to finish or stop it first", msg);
        assertEquals(2, first.run().epochsDone());
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "released at the end");

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(run.resolve(RunLock.FILE), gone.pid() + "\n");
        assertEquals(3, Trainer.resume(run, cfg -> cfg.withEpochs(3), Trainer.Options.quiet()).run().epochsDone());
    }

    @Test
    void aCorruptedTrainerStateNamesTheFileAndField() throws Exception {
        Path run = oneEpochRun(dir);
        Path trainer = run.resolve("state").resolve(Checkpointer.TRAINER_FILE);
        ObjectNode state = (ObjectNode) RunDirectory.readJson(trainer);
        state.put("global_step", "six");
        Files.writeString(trainer, state.toString());
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(run, cfg -> cfg, Trainer.Options.quiet())).getMessage();
        assertEquals(trainer + ": \"global_step\" must be a count (an integer >= 0), got \"six\"", msg);
        Files.writeString(trainer, "{\"format\": 1, \"epochs_done\": 1,");
        msg = assertThrows(RuntimeException.class, () -> Trainer.resume(run, cfg -> cfg, Trainer.Options.quiet()))
                .getMessage();
        assertTrue(msg.startsWith(trainer + ": not valid JSON at line 1"), msg);
        assertFalse(Files.exists(run.resolve(RunLock.FILE)), "a refused resume leaves no lock");
    }

    @Test
    void theProgressLineShowsTheWholeRunsTimeLeft() {
        assertEquals(20.0, ProgressReporter.RunClock.secondsLeft(10, 5.0, 40), 1e-12);
        assertTrue(Double.isNaN(ProgressReporter.RunClock.secondsLeft(0, 5.0, 40)));
        assertEquals("1:01:05", ProgressReporter.RunClock.format(3665));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressReporter lines = new ProgressReporter.Lines(new PrintStream(bytes, true), Duration.ZERO);
        lines.startRun(100, 1000);
        lines.startEpoch(2, 10, 100, 0);
        lines.update(50, 150, 0.25, 12.5);
        String out = bytes.toString();
        assertTrue(out.matches("epoch 2/10  50/100  loss 0\\.2500  12\\.5 img/s  eta \\d+:\\d\\d  run eta \\d+:\\d\\d:\\d\\d\\R"),
                out);
    }
}
