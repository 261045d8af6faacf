package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.model.ConfigException;
import enr4j.torch.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TrainingConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void folders() throws Exception {
        Files.createDirectories(dir.resolve("data/train"));
        Files.createDirectories(dir.resolve("data/val"));
    }

    private String error(Consumer<ObjectNode> edit) {
        ObjectNode c = TrainFixtures.config("data");
        edit.accept(c);
        Path f = TrainFixtures.write(dir.resolve("bad.json"), c);
        return assertThrows(ConfigException.class, () -> TrainingConfig.load(f)).getMessage();
    }

    @Test
    void readsTheReferenceKeysAndDefaults() {
        ObjectNode c = TrainFixtures.config("data");
        c.remove(List.of("device", "crop_size", "log_every"));
        TrainingConfig t = TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c));
        assertEquals("tiny", t.id());
        assertEquals(dir.resolve("data/train").toAbsolutePath().normalize(), t.data().pathToData());
        assertEquals(8, t.batchSize());
        assertEquals(RenderingLoss.Kind.L1, t.optimisation().lossType());
        assertEquals(0.05, t.optimisation().ssimLossWeight());
        assertEquals(0, t.optimisation().seed());
        assertEquals(128, t.data().cropSize());
        assertEquals(10, t.logEvery());
        assertNull(t.limits().maxSteps());
        assertEquals(16, t.model().imageSize());
        assertTrue(t.transfer().freezeParts().isEmpty());
        assertEquals(enr4j.data.PoseReading.DEFAULT, t.data().poses());
        assertEquals(t.resolvedDevice().startsWith("cuda") ? Precision.BF16 : Precision.FP32, t.resolvedPrecision());
    }

    @Test
    void readsTheShippedConfigs() {
        Path root = Path.of("").toAbsolutePath();
        ObjectNode tiny = (ObjectNode) RunDirectory.readJson(root.resolve("configs/tiny.json"));
        assertEquals(32, enr4j.model.ModelConfig.fromJson(tiny, "tiny.json").imageSize());
        for (String name : List.of("configs/tiny.json", "configs/reference.json")) {
            ObjectNode node = (ObjectNode) RunDirectory.readJson(root.resolve(name));
            // data folders do not exist here: everything else validates
            String msg = assertThrows(ConfigException.class, () -> TrainingConfig.fromJson(node, Path.of(name), dir))
                    .getMessage();
            assertTrue(msg.contains("\"path_to_data\" not found"), msg);
        }
    }

    @Test
    void resolvesRelativePathsAgainstTheConfigFolderThenTheWorkingDir() {
        ObjectNode c = TrainFixtures.config("data");
        c.put("path_to_data", "src"); // not next to the config, but in the working dir
        TrainingConfig t = TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c));
        assertEquals(Path.of("src").toAbsolutePath(), t.data().pathToData());
    }

    @Test
    void poseKeysAreReadAndTyped() {
        ObjectNode c = TrainFixtures.config("data");
        c.put("angles_in_radians", true);
        c.put("ignore_translations", true);
        TrainingConfig t = TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c));
        assertEquals(new enr4j.data.PoseReading(true, true), t.data().poses());
        assertTrue(error(x -> x.put("ignore_translations", "yes")).contains("\"ignore_translations\" must be true or false"));
    }

    @Test
    void unknownKeyIsNamedWithASuggestion() {
        String msg = error(c -> c.put("learning_rate", 1));
        assertTrue(msg.contains("unknown key \"learning_rate\""), msg);
        assertTrue(msg.contains("bad.json"), msg);
        msg = error(c -> c.put("batchsize", 8));
        assertTrue(msg.contains("did you mean \"batch_size\""), msg);
    }

    @Test
    void invalidValuesAreNamed() {
        assertTrue(error(c -> c.put("batch_size", 7)).contains("\"batch_size\" must be even and positive"));
        assertTrue(error(c -> c.put("batch_size", 0)).contains("\"batch_size\""));
        assertTrue(error(c -> c.put("loss_type", "huber")).contains("\"loss_type\" must be \"l1\" or \"l2\", got \"huber\""));
        assertTrue(error(c -> c.put("lr", 0)).contains("\"lr\" must be > 0"));
        assertTrue(error(c -> c.put("ssim_loss_weight", -1)).contains("\"ssim_loss_weight\" must be >= 0"));
        assertTrue(error(c -> c.put("epochs", 0)).contains("\"epochs\" must be >= 1"));
        assertTrue(error(c -> c.remove("path_to_data")).contains("missing key \"path_to_data\""));
        assertTrue(error(c -> c.put("path_to_data", "nope")).contains("\"path_to_data\" not found"));
        assertTrue(error(c -> c.put("precision", "fp16")).contains("\"precision\""));
        assertTrue(error(c -> c.put("device", "tpu")).contains("\"device\""));
        assertTrue(error(c -> c.put("batch_size", "8")).contains("\"batch_size\" must be an integer"));
        assertTrue(error(c -> c.put("ema_decay", 1.5)).contains("\"ema_decay\""));
        assertTrue(error(c -> c.putArray("channels_2d")).contains("channels_2d"));
    }

    @Test
    void colourAugmentationIsAProbabilityThatDefaultsToOff() {
        ObjectNode c = TrainFixtures.config("data");
        assertEquals(0.0, TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c)).data().colourAugmentation());
        for (double p : new double[] {0, 0.5, 1}) {
            c.put("colour_augmentation", p);
            assertEquals(p, TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c)).data().colourAugmentation());
        }
        String bad = dir.resolve("bad.json") + ": \"colour_augmentation\" ";
        assertEquals(bad + "must be in [0, 1], got 1.5", error(x -> x.put("colour_augmentation", 1.5)));
        assertEquals(bad + "must be in [0, 1], got -0.1", error(x -> x.put("colour_augmentation", -0.1)));
        assertEquals(bad + "must be a number, got \"0.5\"", error(x -> x.put("colour_augmentation", "0.5")));
        assertEquals(bad + "must be a number, got true", error(x -> x.put("colour_augmentation", true)));
        assertTrue(error(x -> x.put("colour_augmentation", 2)).lines().count() == 1);
    }

    @Test
    void chromaLossWeightIsANonNegativeNumberThatDefaultsToOff() throws Exception {
        ObjectNode c = TrainFixtures.config("data");
        assertEquals(0.0, TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c)).optimisation()
                .chromaLossWeight());
        c.put("chroma_loss_weight", 0.25);
        TrainingConfig t = TrainingConfig.load(TrainFixtures.write(dir.resolve("c.json"), c));
        assertEquals(0.25, t.optimisation().chromaLossWeight());
        assertEquals(0.25, t.withEpochs(3).optimisation().chromaLossWeight());
        String bad = dir.resolve("bad.json") + ": \"chroma_loss_weight\" ";
        assertEquals(bad + "must be >= 0, got -0.1", error(x -> x.put("chroma_loss_weight", -0.1)));
        Path huge = dir.resolve("bad.json");
        Files.writeString(huge, c.toString().replace("\"chroma_loss_weight\":0.25", "\"chroma_loss_weight\":1e999"));
        assertEquals(bad + "must be >= 0, got Infinity",
                assertThrows(ConfigException.class, () -> TrainingConfig.load(huge)).getMessage());
        assertEquals(bad + "must be a number, got \"1\"", error(x -> x.put("chroma_loss_weight", "1")));
    }

    @Test
    void readsTransferLearningKeys() {
        ObjectNode c = TrainFixtures.config("data");
        c.putArray("freeze_parts").add("inv_transform_2d");
        ObjectNode phases = c.putObject("progressive_freezing");
        ObjectNode p1 = phases.putObject("phase_1");
        p1.putArray("epochs").add(1).add(1);
        p1.putArray("freeze_parts").add("transform_3d");
        p1.put("lr", 1e-4);
        TrainingConfig t = TrainingConfig.load(TrainFixtures.write(dir.resolve("t.json"), c));
        EpochSchedule s = EpochSchedule.of(t);
        assertEquals(new EpochSchedule.Settings(1e-4, List.of("inv_transform_2d", "transform_3d")), s.at(1));
        assertEquals(new EpochSchedule.Settings(2e-3, List.of("inv_transform_2d")), s.at(2));

        p1.putArray("epochs").add(2).add(1);
        String msg = assertThrows(ConfigException.class,
                () -> TrainingConfig.load(TrainFixtures.write(dir.resolve("t.json"), c))).getMessage();
        assertTrue(msg.contains("progressive_freezing.phase_1.epochs"), msg);
    }
}
