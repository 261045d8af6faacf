package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.MemoryTags;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** With memory tags on, a training step names its phases and parts, and trains exactly as it does with them off. */
@Tag("fast")
class TaggedTrainingStepTest {
    private static final List<CameraPose> POSES = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
            new CameraPose(150, 40), new CameraPose(30, -10));

    @Test
    void tagsPhasesPartsAndBackwardNodesWithoutChangingTheStep() {
        check(false);
    }

    @Test
    void channelsLastTooWhereLayoutCopiesAreMarked() {
        check(true);
    }

    private static void check(boolean channelsLast) {
        List<String> tags = Collections.synchronizedList(new ArrayList<>());
        Map<String, RawTensor> plain = train(null, channelsLast);
        Map<String, RawTensor> tagged;
        try {
            tagged = train(tags::add, channelsLast);
        } finally {
            MemoryTags.uninstall();
        }
        for (String k : plain.keySet()) {
            assertArrayEquals(plain.get(k).toFloatArray(), tagged.get(k).toFloatArray(), k);
        }
        for (String t : List.of("zero_grad", "forward", "forward:inv_transform_2d", "forward:inv_transform_2d.0",
                "forward:inv_transform_2d.1.0", "forward:carry", "forward:swap", "forward:transform_2d", "loss",
                "backward", "backward:loss", "backward:sigmoid", "backward:transform_2d.0", "backward:inv_transform_2d.0",
                "optimizer")) {
            assertTrue(tags.contains(t), t + " in " + tags);
        }
        int forward = tags.indexOf("forward:inv_transform_2d.0");
        int loss = tags.indexOf("loss");
        int backward = tags.indexOf("backward:loss");
        assertTrue(forward < loss && loss < backward && backward < tags.indexOf("backward:inv_transform_2d.0")
                && tags.indexOf("backward:inv_transform_2d.0") < tags.indexOf("optimizer"), tags.toString());
    }

    /** Two steps from a fixed seed, tags sent to {@code sink} (none when null); the weights after them. */
    private static Map<String, RawTensor> train(java.util.function.Consumer<String> sink, boolean channelsLast) {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        model.setChannelsLast(channelsLast);
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05),
                new FlatAdam(model.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, false);
        if (sink != null) {
            MemoryTags.install(sink);
        }
        for (int i = 0; i < 2; i++) {
            try (StepScope scope = StepScope.open()) {
                torch.manual_seed(50 + i);
                step.run(torch.rand(4, 3, 16, 16), POSES).total().item_float();
            }
        }
        assertEquals(0, MemoryTags.pending(), "every backward hook ran");
        return ModelFiles.weights(model);
    }
}
