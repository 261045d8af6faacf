package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.model.ConfigException;
import enr4j.model.ModelFiles;
import enr4j.testing.OneTorchThread;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Training with {@code colour_augmentation}: runs, is kept in the run folder, resumes bitwise, can be overridden. */
@Tag("fast")
@ExtendWith(OneTorchThread.class)
class ColourAugmentationTrainingTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        TrainFixtures.dataset(shared.resolve("data"), 2, 1, 4);
    }

    /** 2 epochs of 2 steps (8 training images, batches of 4) at colour augmentation {@code p}. */
    private static TrainingConfig config(double p) {
        return TrainFixtures.load(shared, o -> o.put("batch_size", 4).put("colour_augmentation", p));
    }

    private static JsonNode totals(Path run) {
        return RunDirectory.readJson(run.resolve(RunDirectory.LOSS_HISTORY)).get("total");
    }

    @Test
    void trainsWithFiniteLossesAndResumesBitwise() throws Exception {
        Trainer.Result straight = Trainer.create(config(1.0), dir.resolve("a"), Trainer.Options.quiet()).run();
        assertEquals(Trainer.StopReason.COMPLETED, straight.reason());
        assertEquals(4, straight.globalStep());
        assertTrue(Double.isFinite(straight.trainLoss()), "train loss " + straight.trainLoss());
        assertTrue(Double.isFinite(straight.valLoss()), "validation loss " + straight.valLoss());
        for (JsonNode v : totals(straight.runDirectory())) {
            assertTrue(v.isNumber() && Double.isFinite(v.doubleValue()), "iteration loss " + v);
        }

        // stopped after one step, then resumed: the same recolouring, so the same weights
        Path split = Trainer.create(config(1.0).withBudget(1L, null), dir.resolve("b"), Trainer.Options.quiet())
                .run().runDirectory();
        Trainer resumed = Trainer.resume(split, c -> c, Trainer.Options.quiet());
        assertEquals(1.0, resumed.config().data().colourAugmentation());
        assertEquals(3, resumed.run().stepsThisRun());
        assertArrayEquals(Files.readAllBytes(straight.model().resolve(ModelFiles.WEIGHTS_FILE)),
                Files.readAllBytes(split.resolve("model").resolve(ModelFiles.WEIGHTS_FILE)));
        assertEquals(totals(straight.runDirectory()), totals(split));

        // off: other images, so other losses from the first step on
        Path plain = Trainer.create(config(0).withBudget(1L, null), dir.resolve("c"), Trainer.Options.quiet())
                .run().runDirectory();
        assertNotEquals(totals(straight.runDirectory()).get(0), totals(plain).get(0));
    }

    @Test
    void theRunFolderKeepsTheKeyAndAResumeMayOverrideIt() {
        Path run = Trainer.create(config(0.25).withBudget(1L, null), dir.resolve("runs"), Trainer.Options.quiet())
                .run().runDirectory();
        TrainingConfig copy = TrainingConfig.load(run.resolve(RunDirectory.CONFIG), shared);
        assertEquals(0.25, copy.data().colourAugmentation());
        assertEquals(0.25, copy.raw().get("colour_augmentation").doubleValue());

        Trainer t = Trainer.resume(run, c -> c.withColourAugmentation(0.75).withBudget(2L, null),
                Trainer.Options.quiet());
        assertEquals(0.75, t.config().data().colourAugmentation());
        Trainer.Result r = t.run();
        assertEquals(1, r.stepsThisRun());
        assertTrue(Double.isFinite(r.trainLoss()), "train loss " + r.trainLoss());
        assertEquals(0.25, TrainingConfig.load(run.resolve(RunDirectory.CONFIG), shared).data().colourAugmentation(),
                "an override is for one invocation: the run's config is unchanged");
    }

    @Test
    void badOverridesAreOneLineErrors() {
        TrainingConfig c = config(0);
        assertEquals(c, c.withColourAugmentation(null));
        for (double bad : new double[] {-0.5, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = assertThrows(ConfigException.class, () -> c.withColourAugmentation(bad)).getMessage();
            assertEquals("--colour-augmentation must be in [0, 1], got " + bad, msg);
        }
    }
}
