package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.testing.ResidentMemory;
import enr4j.testing.TinyModels;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Native memory must stay flat over many training steps (forward, backward, Adam), each in its StepScope. Nothing
 * here calls the garbage collector: on a GPU nothing would, so memory that only a collection frees counts as growth.
 * Without the scope the same loop grew by about 860 MiB in 450 steps.
 */
@Tag("slow")
class TrainingMemoryTest {
    @Test
    void nativeMemoryStaysFlatOverSevenHundredTrainingSteps() {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05),
                new FlatAdam(model.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, false);
        List<CameraPose> poses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            poses.add(new CameraPose(40.0 * i - 60, 10.0 * i));
        }
        TensorOwner owner = new TensorOwner();
        Tensor images = owner.take(torch.rand(4, 3, 16, 16));
        long handles = 0;
        long rss = 0;
        long worstHandles = 0;
        long worstRss = 0;
        float first = 0;
        float last = 0;
        for (int i = 0; i < 700; i++) {
            try (StepScope scope = StepScope.open()) {
                float loss = step.run(images, poses).total().item_float();
                first = i == 0 ? loss : first;
                last = loss;
            }
            if (i == 199) { // the allocator's arenas have grown to their working size by now
                handles = Pointer.totalCount();
                rss = ResidentMemory.residentBytes();
            } else if (i > 199 && i % 100 == 99) {
                worstHandles = Math.max(worstHandles, Pointer.totalCount() - handles);
                worstRss = Math.max(worstRss, ResidentMemory.residentBytes() - rss);
            }
        }
        owner.close();
        assertTrue(last < first, "the steps must train (loss " + first + " -> " + last + ")");
        assertTrue(worstHandles < 100, worstHandles + " more live native handles after 500 steps");
        assertTrue(worstRss < 96L << 20, "resident memory grew by " + (worstRss >> 20) + " MiB over 500 steps");
    }
}
