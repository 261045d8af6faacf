package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.Interpolation;
import enr4j.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plan, computed from a config alone, against the model that config builds. */
@Tag("fast")
class ModelPlanTest {
    private static void assertPlanMatchesModel(ModelConfig config) {
        ModelPlan plan = ModelPlan.of(config);
        NeuralRenderer model = new NeuralRenderer(config);
        Map<String, Tensor> built = model.stateDict();
        assertEquals(built.keySet(), plan.weightShapes().keySet());
        built.forEach((name, tensor) -> assertArrayEquals(tensor.shape(), plan.weightShapes().get(name), name));
        assertEquals(model.parameterCount(), plan.parameterCount());
        assertEquals(model.sceneShape(), plan.sceneShape());
        assertEquals(model.sphericalMask().nonZeroEntries(), plan.sceneSize());
        assertEquals(rowsOfBuiltModel(model), rowsOf(plan));
    }

    /** The rows {@code enr info} printed when it walked a built model's layers. */
    private static List<String> rowsOfBuiltModel(NeuralRenderer model) {
        List<String> rows = new ArrayList<>();
        ModelConfig c = model.config();
        FeatureShape shape = new FeatureShape(c.imageChannels(), c.imageSize(), c.imageSize());
        for (Map.Entry<String, Layer> part : model.parts().entrySet()) {
            Layer layer = part.getValue();
            List<Layer> inner = layer instanceof ResNet r ? r.layers()
                    : layer instanceof Projection p ? p.layers() : ((InverseProjection) layer).layers();
            FeatureShape in = shape;
            if (layer instanceof Projection) {
                int[] s = in.spatial();
                FeatureShape folded = new FeatureShape(in.channels() * s[0], s[1], s[2]);
                rows.add(part.getKey() + " fold depth into channels " + in + " " + folded + " 0");
                in = folded;
            }
            for (Layer l : inner) {
                FeatureShape out = l.outputShape(in);
                rows.add(part.getKey() + " " + l.describe() + " " + in + " " + out + " " + l.parameterCount());
                in = out;
            }
            FeatureShape out = layer.outputShape(shape);
            if (layer instanceof InverseProjection) {
                rows.add(part.getKey() + " unfold channels into depth " + in + " " + out + " 0");
            }
            shape = part.getKey().equals("inv_transform_3d") ? model.sceneShape() : out;
        }
        return rows;
    }

    private static List<String> rowsOf(ModelPlan plan) {
        List<String> rows = new ArrayList<>();
        for (ModelPlan.Part part : plan.parts()) {
            for (ModelPlan.Row r : part.rows()) {
                rows.add(part.name() + " " + r.layer() + " " + r.input() + " " + r.output() + " " + r.parameters());
            }
        }
        return rows;
    }

    @Test
    void planMatchesTheBuiltTinyModel() {
        assertPlanMatchesModel(TinyModels.tiny());
    }

    @Test
    void planMatchesTheBuiltModelWith3dStridesAndTransposedConvs() {
        assertPlanMatchesModel(TinyModels.small());
        assertPlanMatchesModel(new ModelConfig(List.of(3, 16, 16), List.of(8, 16, 8, 8), List.of(1, 2, -2, 1),
                List.of(8, 8), List.of(1, 1), List.of(64, 128), List.of(32, 16), Interpolation.BILINEAR));
    }

    @Test
    void planMatchesTheReferenceModel() {
        assertPlanMatchesModel(ModelConfig.reference());
        assertEquals(11_489_027, ModelPlan.of(ModelConfig.reference()).parameterCount());
    }

    @Test
    void hugeArchitectureIsPlannedWithoutAllocating() {
        // channels_3d of 4000 would allocate gigabytes if built; the plan only counts
        List<Integer> wide3d = List.of(4000, 4000, 128, 128, 128, 64, 64, 64);
        ModelConfig r = ModelConfig.reference();
        ModelConfig huge = new ModelConfig(r.imgShape(), r.channels2d(), r.strides2d(), wide3d,
                r.strides3d(), r.numChannelsInvProjection(), r.numChannelsProjection(), Interpolation.BILINEAR);
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        ModelPlan plan = ModelPlan.of(huge);
        assertTrue(plan.parameterCount() > 1_000_000_000L, "parameters " + plan.parameterCount());
        String summary = new ModelSummary(huge).format();
        assertTrue(summary.contains("ResBlock3d 4000->4000->4000"), summary);
        long grown = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() - before;
        assertTrue(grown < 64L << 20, "planning allocated " + (grown >> 20) + " MiB");
    }

    @Test
    void sceneBeyondTheSupportedSideIsRefused() {
        ModelConfig big = new ModelConfig(List.of(3, 2048, 2048), List.of(8), List.of(1), List.of(8), List.of(1),
                List.of(2048 * 4), List.of(16), Interpolation.BILINEAR);
        ConfigException e = assertThrows(ConfigException.class, () -> ModelPlan.of(big));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }
}
