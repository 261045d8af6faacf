package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import enr4j.geometry.CameraPose;
import enr4j.testing.TinyModels;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import java.util.Collections;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graphed scene renderer gives the views the eager path gives, for full and partial batches of poses; on the
 * CPU no graph can be captured, so it says why and renders eagerly.
 */
@Tag("fast")
class SceneRenderGraphTest {
    private static final CameraPose SOURCE = new CameraPose(20, 10);

    @Test
    void rendersWhatTheEagerPathRendersForFullAndPartialBatches() {
        Torch.seed(5);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor scene = model.inverseRender(torch.rand(1, 3, 16, 16));
            Tensor other = model.inverseRender(torch.rand(1, 3, 16, 16));
            List<CameraPose> three = List.of(new CameraPose(60, 10), new CameraPose(-90, 30), new CameraPose(200, 0));
            try (SceneRenderGraph graph = new SceneRenderGraph(model, scene, 3)) {
                expectSame(eager(model, scene, three), graph.render(scene, model.carryMaps(sources(3), three)));
                assertNotNull(graph.eagerReason(), "on the CPU the renders run eagerly, and it says why");
                List<CameraPose> one = List.of(new CameraPose(-30, 45));
                Tensor partial = graph.render(other, model.carryMaps(sources(1), one));
                assertArrayEquals(new long[] {1, 3, 16, 16}, partial.shape());
                expectSame(eager(model, other, one), partial);
            }
        }
    }

    @Test
    void refusesMorePosesThanItWasMadeFor() {
        Torch.seed(6);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor scene = model.inverseRender(torch.rand(1, 3, 16, 16));
            try (SceneRenderGraph graph = new SceneRenderGraph(model, scene, 2)) {
                List<CameraPose> three = List.of(new CameraPose(1, 0), new CameraPose(2, 0), new CameraPose(3, 0));
                var e = assertThrows(IllegalArgumentException.class,
                        () -> graph.render(scene, model.carryMaps(sources(3), three)));
                assertEquals("between 1 and 2 poses per call, got 3", e.getMessage());
            }
        }
    }

    private static List<CameraPose> sources(int n) {
        return Collections.nCopies(n, SOURCE);
    }

    private static Tensor eager(NeuralRenderer model, Tensor scene, List<CameraPose> targets) {
        Tensor scenes = scene.expand(targets.size(), -1, -1, -1, -1).contiguous();
        return model.render(model.transformSourceToTarget(scenes, sources(targets.size()), targets));
    }

    private static void expectSame(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        float[] a = Tensors.toFloats(expected);
        float[] b = Tensors.toFloats(actual);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5, "pixel " + i);
        }
    }
}
