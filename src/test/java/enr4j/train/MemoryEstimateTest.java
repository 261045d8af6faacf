package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import enr4j.geometry.Interpolation;
import enr4j.model.ConfigException;
import enr4j.model.MemoryEstimate;
import enr4j.model.ModelConfig;
import enr4j.model.ModelPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The training memory estimate against a measured training step, and the refusal it drives. */
@Tag("fast")
class MemoryEstimateTest {
    /** 32 px images through thin layers: activations dominate, as they do at full scale. */
    static ModelConfig activationHeavy() {
        return new ModelConfig(List.of(3, 32, 32), List.of(16, 32, 32), List.of(1, 2, 1), List.of(8, 8),
                List.of(1, 1), List.of(64, 128), List.of(64, 32), Interpolation.BILINEAR);
    }

    @Test
    void estimateBoundsTheMeasuredPeakOfATrainingStepFromAbove() throws IOException, InterruptedException {
        assumeTrue(Files.isWritable(Path.of("/proc/self/clear_refs")), "needs Linux's peak-RSS reset to measure");
        int batch = 16;
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TrainingPeakProbe.class.getName(),
                Integer.toString(batch)).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), output);
        long measured = output.lines().filter(l -> l.startsWith("peak-growth-bytes "))
                .mapToLong(l -> Long.parseLong(l.substring(18).trim())).findFirst().orElseThrow();
        MemoryEstimate estimate = MemoryEstimate.forTraining(activationHeavy(), batch);
        double ratio = (double) measured / estimate.totalBytes();
        assertTrue(ratio < 1.0, "a step's peak " + (measured >> 20) + " MiB exceeds the estimate " + estimate.describe());
        assertTrue(ratio > 0.4, "the estimate " + estimate.describe() + " is far above the peak "
                + (measured >> 20) + " MiB");
    }

    @Test
    void figuresFollowTheDocumentedFormula() {
        ModelPlan plan = ModelPlan.of(activationHeavy());
        MemoryEstimate e = MemoryEstimate.forTraining(activationHeavy(), 8);
        assertEquals(16 * plan.parameterCount(), e.weightBytes() + e.optimizerBytes());
        assertEquals((long) (MemoryEstimate.ACTIVATION_FACTOR * 4 * 8 * plan.activationElementsPerSample()),
                e.activationBytes());
        assertEquals(2 * MemoryEstimate.forTraining(activationHeavy(), 4).activationBytes(), e.activationBytes());
    }

    @Test
    void trainRefusesAModelTooLargeForThisMachineBeforeBuildingIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        TrainFixtures.dataset(dir.resolve("data"), 2, 1, 4);
        var c = TrainFixtures.config("data");
        ModelConfig r = ModelConfig.reference();
        c.setAll(new ModelConfig(r.imgShape(), r.channels2d(), r.strides2d(), List.of(4000, 4000, 128, 128, 128, 64, 64, 64),
                r.strides3d(), r.numChannelsInvProjection(), r.numChannelsProjection(), Interpolation.BILINEAR).toJson());
        c.remove("crop_size");
        Path config = TrainFixtures.write(dir.resolve("wide.json"), c);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream oldErr = System.err;
        int code;
        long started = System.nanoTime();
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            code = enr4j.cli.Main.run("train", config.toString(), "--out", dir.resolve("runs").toString());
        } finally {
            System.setErr(oldErr);
        }
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, code, message);
        assertTrue(message.startsWith("enr: error: " + config + ": training this model needs about "), message);
        assertTrue(message.contains(" of cpu (lower batch_size"), message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "refused before building the model");
        assertTrue(!Files.exists(dir.resolve("runs")) || Files.list(dir.resolve("runs")).findAny().isEmpty(),
                "no run folder for a refused run");
    }

    @Test
    void runTooLargeForTheDeviceIsRefusedNamingEstimateAndLimit() {
        MemoryEstimate e = MemoryEstimate.forTraining(ModelConfig.reference(), 16);
        ConfigException refused = assertThrows(ConfigException.class,
                () -> e.requireFits(OptionalLong.of(1L << 30), "cpu", "big.json"));
        String m = refused.getMessage();
        assertTrue(m.startsWith("big.json: training this model needs about "), m);
        assertTrue(m.contains("more than the 1.0 GiB of cpu"), m);
        assertTrue(m.contains(" at batch 16"), m);
        e.requireFits(OptionalLong.of(Long.MAX_VALUE), "cpu", "big.json");
        e.requireFits(OptionalLong.empty(), "cuda", "big.json"); // unknown device memory: no check, no error
    }
}
