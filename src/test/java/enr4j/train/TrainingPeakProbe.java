package enr4j.train;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelConfig;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Run in a fresh JVM: builds {@link MemoryEstimateTest#activationHeavy()}, runs one training step at the given
 * batch and prints the growth of the peak resident memory from just before the model was built.
 */
public final class TrainingPeakProbe {
    private static final Path STATUS = Path.of("/proc/self/status");

    public static void main(String[] args) throws IOException {
        int batch = Integer.parseInt(args[0]);
        ModelConfig config = MemoryEstimateTest.activationHeavy();
        int size = config.imageSize();
        Torch.threads(2);
        Torch.seed(0);
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            poses.add(new CameraPose(20.0 * i - 150, 5.0 * (i % 4)));
        }
        Tensor images = torch.rand(batch, 3, size, size);
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        long before = statusKb("VmRSS:");
        NeuralRenderer model = new NeuralRenderer(config);
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05),
                new FlatAdam(model.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, false);
        try (PointerScope scope = new PointerScope()) {
            step.run(images, poses).total().item_float();
        }
        System.out.println("peak-growth-bytes " + (statusKb("VmHWM:") - before) * 1024);
    }

    private static long statusKb(String key) throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(key + " missing from " + STATUS);
    }
}
