package enr4j.train;

import enr4j.io.AtomicDirectory;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.model.ConfigException;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.OneTorchThread;
import enr4j.torch.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
@ExtendWith(OneTorchThread.class)
class TrainerTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;


    @BeforeAll
    static void data() {
        TrainFixtures.dataset(shared.resolve("data"), 6, 2, 8);
    }

    private TrainingConfig config(UnaryOperator<ObjectNode> edit) {
        return TrainFixtures.load(shared, edit);
    }

    private static List<String> hidden(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static float[] weights(Path modelDir, String name) {
        NeuralRenderer m = ModelFiles.load(modelDir);
        float[] out = Tensors.toFloats(m.stateDict().get(name));
        java.lang.ref.Reference.reachabilityFence(m); // the tensor handles live as long as the module
        return out;
    }

    /** Bitwise: the safetensors files hold the same names, shapes and bytes. */
    private static void assertSameWeights(Path a, Path b) throws Exception {
        assertArrayEquals(Files.readAllBytes(a.resolve(ModelFiles.WEIGHTS_FILE)),
                Files.readAllBytes(b.resolve(ModelFiles.WEIGHTS_FILE)), a + " vs " + b);
    }

    @Test
    void validationLossFalls() {
        TrainingConfig c = config(o -> {
            o.put("epochs", 40);
            o.put("save_freq", 100);
            return o;
        });
        Trainer.Result r = Trainer.create(c, dir, Trainer.Options.quiet()).run();
        System.out.printf("tiny config: %d steps, %.1f steps/s, %.1f img/s%n", r.stepsThisRun(), r.stepsPerSecond(),
                r.imagesPerSecond());
        JsonNode val = RunDirectory.readJson(r.runDirectory().resolve(RunDirectory.VAL_LOSS_HISTORY));
        double first = val.get("total").get(0).asDouble();
        double last = val.get("total").get(val.get("total").size() - 1).asDouble();
        System.out.printf("val total %.4f -> %.4f%n", first, last);
        assertEquals(Trainer.StopReason.COMPLETED, r.reason());
        assertEquals(40 * 6, r.globalStep());
        assertTrue(last < 0.8 * first, "val total " + first + " -> " + last);
        assertEquals(last, r.valLoss(), 1e-12);
    }

    @Test
    void writesTheReferenceArtifacts() throws Exception {
        TrainingConfig c = config(o -> o);
        Trainer.Result r = Trainer.create(c, dir, Trainer.Options.quiet()).run();
        Path run = r.runDirectory();
        assertTrue(run.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}_tiny"), run.toString());
        assertArrayEquals(Files.readAllBytes(c.source()), Files.readAllBytes(run.resolve("config.json")));
        for (String png : List.of("imgs_ground_truth.png", "imgs_gen_000.png", "imgs_gen_001.png", "imgs_gen_002.png")) {
            var img = javax.imageio.ImageIO.read(run.resolve(png).toFile());
            assertNotNull(img, png);
            assertEquals(2 * 16 + 3 * 2, img.getHeight(), png + ": 8 images, 4 per row, padding 2");
        }
        int[] lengths = {12, 2, 2};
        String[] files = {"loss_history.json", "epoch_loss_history.json", "val_loss_history.json"};
        for (int i = 0; i < 3; i++) {
            JsonNode h = RunDirectory.readJson(run.resolve(files[i]));
            assertEquals(List.of("total", "regression", "ssim"), iterable(h.fieldNames()), files[i]);
            for (String k : LossHistory.KEYS) {
                assertEquals(lengths[i], h.get(k).size(), files[i] + " " + k);
            }
        }
        JsonNode it = RunDirectory.readJson(run.resolve("loss_history.json"));
        for (int i = 0; i < 12; i++) {
            double total = it.get("total").get(i).asDouble();
            double expected = it.get("regression").get(i).asDouble() + 0.05 * it.get("ssim").get(i).asDouble();
            assertEquals(expected, total, 1e-5, "total = regression + w * (1 - SSIM) at " + i);
        }
        JsonNode ep = RunDirectory.readJson(run.resolve("epoch_loss_history.json"));
        double mean = 0;
        for (int i = 6; i < 12; i++) {
            mean += it.get("total").get(i).asDouble() / 6;
        }
        assertEquals(mean, ep.get("total").get(1).asDouble(), 1e-9);
        for (String d : List.of("model", "best_model", "state/model")) {
            assertTrue(Files.isRegularFile(run.resolve(d).resolve(ModelFiles.WEIGHTS_FILE)), d);
        }
        assertTrue(Files.isRegularFile(run.resolve("state").resolve(Checkpointer.OPTIMIZER_FILE)));
        Checkpointer.State s = Checkpointer.readState(run.resolve("state"));
        assertEquals(new Checkpointer.State(2, 0, 12, 12, 2, s.bestValTotal()), s);
        assertEquals(List.of(), hidden(run), "no temporary files left");
        assertEquals(r.runDirectory().resolve("model"), r.model());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void resumingGivesTheSameWeightsAsOneRun() throws Exception {
        {
            TrainingConfig c = config(o -> o);
            Path straight = Trainer.create(c, dir.resolve("a"), Trainer.Options.quiet()).run().runDirectory();

            // epoch boundary: 1 epoch, then resume to 2
            Path split = Trainer.create(c.withEpochs(1), dir.resolve("b"), Trainer.Options.quiet()).run().runDirectory();
            Trainer.Result r = Trainer.resume(split, cfg -> cfg, Trainer.Options.quiet()).run();
            assertEquals(Trainer.StopReason.COMPLETED, r.reason());
            assertSameWeights(straight.resolve("model"), split.resolve("model"));
            assertSameWeights(straight.resolve("best_model"), split.resolve("best_model"));

            // mid-epoch stops: a step budget, then a stop request from a hook, then to the end
            Path interrupted = Trainer.create(c.withBudget(3L, null), dir.resolve("c"), Trainer.Options.quiet())
                    .run().runDirectory();
            assertEquals(new Checkpointer.State(0, 3, 3, 3, 0, null), Checkpointer.readState(interrupted.resolve("state")));
            Trainer t = Trainer.resume(interrupted, cfg -> cfg, Trainer.Options.quiet());
            t.addStepHook(step -> {
                if (step == 8) {
                    t.requestStop();
                }
            });
            assertEquals(Trainer.StopReason.INTERRUPTED, t.run().reason());
            Checkpointer.State s = Checkpointer.readState(interrupted.resolve("state"));
            assertEquals(1, s.epochsDone());
            assertEquals(2, s.stepInEpoch());
            r = Trainer.resume(interrupted, cfg -> cfg, Trainer.Options.quiet()).run();
            assertEquals(12, r.globalStep());
            assertEquals(4, r.stepsThisRun());
            assertSameWeights(straight.resolve("model"), interrupted.resolve("model"));
            for (String h : List.of("loss_history.json", "epoch_loss_history.json", "val_loss_history.json")) {
                assertEquals(RunDirectory.readJson(straight.resolve(h)), RunDirectory.readJson(interrupted.resolve(h)), h);
            }
            // nothing left to do
            assertEquals(0, Trainer.resume(interrupted, cfg -> cfg, Trainer.Options.quiet()).run().stepsThisRun());
            assertStrictlyIncreasingMetrics(interrupted, 12);

            // a crash inside an epoch: the periodic checkpoint (here before every step) is the resumable state
            Trainer crashing = Trainer.create(c.withSafety(1e-9, null), dir.resolve("d"), Trainer.Options.quiet());
            crashing.addStepHook(step -> {
                if (step == 9) {
                    throw new IllegalStateException("simulated crash");
                }
            });
            assertThrows(IllegalStateException.class, crashing::run);
            Path crashed = crashing.runDirectory();
            Checkpointer.State mid = Checkpointer.readState(crashed.resolve("state"));
            assertEquals(new Checkpointer.State(1, 2, 8, 8, 1, mid.bestValTotal()), mid);
            // a row read back after the last checkpoint is dropped on resume rather than repeated
            Files.writeString(crashed.resolve(MetricsCsv.FILE), "9,1.000,0.1,0.1,0.1,1.00\n",
                    java.nio.file.StandardOpenOption.APPEND);
            r = Trainer.resume(crashed, cfg -> cfg, Trainer.Options.quiet()).run();
            assertEquals(4, r.stepsThisRun());
            assertSameWeights(straight.resolve("model"), crashed.resolve("model"));
            assertSameWeights(straight.resolve("best_model"), crashed.resolve("best_model"));
            for (String h : List.of("loss_history.json", "epoch_loss_history.json", "val_loss_history.json")) {
                assertEquals(RunDirectory.readJson(straight.resolve(h)), RunDirectory.readJson(crashed.resolve(h)), h);
            }
            assertStrictlyIncreasingMetrics(crashed, 12);
        }
    }

    /** metrics.csv: its header, then rows of strictly increasing steps ending at {@code lastStep}. */
    private static void assertStrictlyIncreasingMetrics(Path run, long lastStep) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve(MetricsCsv.FILE));
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        long previous = 0;
        for (String line : lines.subList(1, lines.size())) {
            long step = Long.parseLong(line.split(",")[0]);
            assertTrue(step > previous, "rows " + lines);
            previous = step;
        }
        assertEquals(lastStep, previous, "rows " + lines);
    }

    @Test
    void aFailedSaveLeavesThePreviousFolderAndNoTemporaries() throws Exception {
        NeuralRenderer model = new NeuralRenderer(TrainFixtures.model());
        Path target = dir.resolve("run/model");
        Checkpointer.saveModel(model, target);
        byte[] before = Files.readAllBytes(target.resolve(ModelFiles.WEIGHTS_FILE));
        RuntimeException crash = assertThrows(RuntimeException.class, () -> AtomicDirectory.replace(target, d -> {
            Files.createDirectories(d);
            Files.write(d.resolve(ModelFiles.WEIGHTS_FILE), new byte[] {1, 2, 3});
            throw new java.io.IOException("disk full");
        }));
        assertTrue(crash.getMessage().contains("disk full"));
        assertArrayEquals(before, Files.readAllBytes(target.resolve(ModelFiles.WEIGHTS_FILE)));
        assertEquals(List.of(), hidden(dir));

        // a crash between the two renames: the old copy is moved back when the run is opened
        Files.move(target, dir.resolve("run/.model.old-1"));
        AtomicDirectory.recover(target);
        assertArrayEquals(before, Files.readAllBytes(target.resolve(ModelFiles.WEIGHTS_FILE)));
        assertEquals(List.of(), hidden(dir));
    }

    @Test
    void freezingLearningRateAndExtraLossTerms() {
        TrainingConfig c = config(o -> {
            o.put("epochs", 1);
            o.remove("path_to_test_data");
            o.putArray("freeze_parts").add("inv_transform_2d");
            return o;
        });
        Trainer t = Trainer.create(c, dir, Trainer.Options.quiet());
        float[] before = Tensors.toFloats(t.model().namedParameters().get(first(t, "inv_transform_2d")));
        float[] otherBefore = Tensors.toFloats(t.model().namedParameters().get(first(t, "transform_2d.")));
        t.addLossTerm(new LossTerm() {
            public String name() {
                return "constant";
            }

            public double weight() {
                return 0.5;
            }

            public Tensor compute(Tensor rendered, Tensor targets) {
                return rendered.mul(Tensors.scalar(0)).sum().add(Tensors.scalar(1));
            }
        });
        Trainer.Result r = t.run();
        assertEquals(Double.NaN, r.valLoss());
        assertArrayEquals(before, weights(r.model(), first(t, "inv_transform_2d")), "frozen");
        assertFalse(java.util.Arrays.equals(otherBefore, weights(r.model(), first(t, "transform_2d."))), "trained");
        JsonNode it = RunDirectory.readJson(r.runDirectory().resolve("loss_history.json"));
        assertEquals(it.get("regression").get(0).asDouble() + 0.05 * it.get("ssim").get(0).asDouble() + 0.5,
                it.get("total").get(0).asDouble(), 1e-5);
    }

    @Test
    void chromaLossWeightAddsTheChromaTermToTheTotal() {
        TrainingConfig c = config(o -> {
            o.put("epochs", 1);
            o.remove("path_to_test_data");
            o.put("chroma_loss_weight", 2.0);
            return o;
        });
        Trainer.Result r = Trainer.create(c, dir, Trainer.Options.quiet()).run();
        JsonNode it = RunDirectory.readJson(r.runDirectory().resolve("loss_history.json"));
        double base = it.get("regression").get(0).asDouble() + 0.05 * it.get("ssim").get(0).asDouble();
        assertTrue(it.get("total").get(0).asDouble() > base + 1e-3, it.toString());
    }

    private static String first(Trainer t, String part) {
        return t.model().namedParameters().keySet().stream().filter(k -> k.startsWith(part)).findFirst().orElseThrow();
    }

    @Test
    void perceptualLossWithoutVggWeightsFailsBeforeWritingAnything() throws Exception {
        TrainingConfig c = config(o -> o.put("perceptual_loss_weight", 0.1));
        String msg = assertThrows(ConfigException.class, () -> Trainer.create(c, dir, Trainer.Options.quiet()))
                .getMessage();
        assertTrue(msg.contains("\"perceptual_loss_weight\"") && msg.contains("vgg19_weights"), msg);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no run folder for a config that cannot run");
        }
    }

    @Test
    void freezePatternsThatMatchNothingAndGappedPhasesAreRejected() throws Exception {
        TrainingConfig typo = config(o -> {
            o.putArray("freeze_parts").add("inv_transform_2").add("inv_projektion");
            return o;
        });
        String msg = assertThrows(ConfigException.class, () -> Trainer.create(typo, dir, Trainer.Options.quiet()))
                .getMessage();
        assertTrue(msg.contains("\"inv_projektion\" matches no parameter"), msg);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
        String gap = assertThrows(ConfigException.class, () -> config(o -> {
            ObjectNode phases = o.putObject("progressive_freezing");
            phases.putObject("phase_1").putArray("epochs").add(1).add(2);
            phases.putObject("phase_2").putArray("epochs").add(4).add(5);
            return o;
        })).getMessage();
        assertTrue(gap.contains("leaves a gap after phase_1"), gap);
    }

    @Test
    void savedModelsHoldTheMovingAverageWhenUseEmaIsOn() throws Exception {
        TrainingConfig c = config(o -> o.put("use_ema", true).put("ema_decay", 0.5));
        Trainer.Result r = Trainer.create(c, dir, Trainer.Options.quiet()).run();
        Path run = r.runDirectory();
        String key = "transform_2d.forward_layers.0.weight";
        float[] saved = weights(run.resolve("model"), key);
        float[] trained = weights(run.resolve("state").resolve("model"), key);
        float[] shadow = enr4j.torch.io.SafeTensors.read(run.resolve("state").resolve(WeightAverage.FILE)).tensors()
                .get("shadow").toFloatArray();
        NeuralRenderer layout = ModelFiles.load(run.resolve("model"));
        int offset = 0;
        for (var e : layout.namedParameters().entrySet()) {
            if (e.getKey().equals(key)) {
                break;
            }
            offset += (int) e.getValue().numel();
        }
        java.lang.ref.Reference.reachabilityFence(layout);
        boolean differs = false;
        for (int i = 0; i < saved.length; i++) {
            assertEquals(shadow[offset + i], saved[i], 1e-7, "model/ holds the averaged weights");
            differs |= saved[i] != trained[i];
        }
        assertTrue(differs, "the average differs from the last trained weights");
    }

    @Test
    void tooFewImagesForOneBatchFailsBeforeCreatingTheRunFolder() throws Exception {
        TrainingConfig c = config(o -> o.put("batch_size", 64));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Trainer.create(c, dir, Trainer.Options.quiet())).getMessage();
        assertTrue(msg.contains("48 usable images, fewer than one batch of 64"), msg);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
