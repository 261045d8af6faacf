package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Precision;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WeightAverageTest {
    private static final List<CameraPose> POSES = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
            new CameraPose(150, 40), new CameraPose(30, -10));

    @Test
    void equalsItsClosedFormAndLendsItsWeightsOnlyForTheBlock() {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        FlatAdam adam = new FlatAdam(model.weightSlots(), 1e-2, Precision.FP32);
        double d = 0.8;
        WeightAverage ema = new WeightAverage(adam, d);
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05), adam,
                Precision.FP32, false);
        List<float[]> snapshots = new ArrayList<>();
        snapshots.add(Tensors.toFloats(adam.master()));
        for (int i = 0; i < 3; i++) {
            try (PointerScope s = new PointerScope()) {
                torch.manual_seed(10 + i);
                step.run(torch.rand(4, 3, 16, 16), POSES);
            }
            ema.afterStep(i + 1);
            snapshots.add(Tensors.toFloats(adam.master()));
        }
        float[] shadow = ema.averaged();
        float[] last = snapshots.get(3);
        for (int j = 0; j < shadow.length; j += 97) {
            // shadow_3 = d^3 p0 + (1 - d) (d^2 p1 + d p2 + p3)
            double expected = Math.pow(d, 3) * snapshots.get(0)[j]
                    + (1 - d) * (d * d * snapshots.get(1)[j] + d * snapshots.get(2)[j] + snapshots.get(3)[j]);
            assertEquals(expected, shadow[j], 1e-6);
        }
        float[] inside = ema.withAverage(() -> Tensors.toFloats(model.namedParameters().values().iterator().next()));
        assertEquals(shadow[0], inside[0], 0f, "the model reads the average inside the block");
        assertEquals(last[0], Tensors.toFloats(adam.master())[0], 0f, "and its trained weights after it");
    }
}
