package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where no graph can be captured (here: no GPU) the graphed step says why and trains exactly as the eager step does:
 * same losses, same weights.
 */
@Tag("fast")
class GraphedTrainingStepTest {
    private static final List<CameraPose> POSES = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
            new CameraPose(150, 40), new CameraPose(30, -10));

    @Test
    void fallsBackToEagerStepsWithAReasonAndTheSameResults() {
        Torch.seed(3);
        NeuralRenderer eagerModel = new NeuralRenderer(TinyModels.tiny());
        Torch.seed(3);
        NeuralRenderer graphedModel = new NeuralRenderer(TinyModels.tiny());
        RenderingLoss loss = new RenderingLoss(RenderingLoss.Kind.L1, 0.05);
        FlatAdam eagerAdam = new FlatAdam(eagerModel.weightSlots(), 1e-3, Precision.FP32);
        eagerAdam.keepScalarsOnDevice();
        TrainingStep eager = new TrainingStep(eagerModel, loss, eagerAdam, Precision.FP32, false);
        GraphedTrainingStep graphed = new GraphedTrainingStep(new TrainingStep(graphedModel, loss,
                new FlatAdam(graphedModel.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, false), 1);
        List<Float> a = new ArrayList<>();
        List<Float> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (StepScope scope = StepScope.open()) {
                torch.manual_seed(50 + i);
                var images = torch.rand(4, 3, 16, 16);
                a.add(eager.run(images, POSES).total().item_float());
                b.add(graphed.run(images, POSES).total().item_float());
            }
        }
        assertNotNull(graphed.eagerReason(), "a capture was tried after the warm-up step and its failure explained");
        assertEquals(0, graphed.captures());
        assertEquals(a, b, "losses of the fallback equal the eager step's");
        Map<String, RawTensor> wa = ModelFiles.weights(eagerModel);
        Map<String, RawTensor> wb = ModelFiles.weights(graphedModel);
        for (String k : wa.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(wa.get(k).toFloatArray(), wb.get(k).toFloatArray(), k);
        }
        graphed.close();
    }

    @Test
    void refusesAnOptimizerWhoseScalarsCannotLiveOnTheDevice() {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05),
                new AdamOptimizer(model.namedParameters().values(), 1e-3), Precision.FP32, false);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GraphedTrainingStep(step, 1));
        assertEquals("a captured step needs the flat Adam, whose scalars can live on the GPU", e.getMessage());
    }
}
