package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class NeuralRendererTest {

    @Test
    void referenceConfigHasReferenceSizesAndShapes() {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(ModelConfig.reference());
        assertEquals(11_489_027L, model.parameterCount());
        assertEquals(new FeatureShape(64, 32, 32, 32), model.sceneShape());
        assertEquals(986_112L, model.sphericalMask().nonZeroEntries());
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor scenes = model.inverseRender(torch.rand(1, 3, 128, 128));
            assertArrayEquals(new long[] {1, 64, 32, 32, 32}, scenes.shape());
            Tensor images = model.render(scenes);
            assertArrayEquals(new long[] {1, 3, 128, 128}, images.shape());
        }
    }

    @Test
    void tinyConfigShapesAndOutputRange() {
        Torch.seed(1);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor scenes = model.inverseRender(torch.rand(4, 3, 16, 16));
            assertArrayEquals(new long[] {4, 8, 8, 8, 8}, scenes.shape());
            Tensor images = model.render(scenes);
            assertArrayEquals(new long[] {4, 3, 16, 16}, images.shape());
            assertTrue(images.min().item_float() > 0f && images.max().item_float() < 1f, "sigmoid output in (0, 1)");
        }
    }

    @Test
    void scenesAreZeroOutsideTheSphere() {
        Torch.seed(2);
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor scenes = model.inverseRender(torch.rand(2, 3, 32, 32));
            int d = 16;
            double c = (d - 1) / 2.0;
            float[] v = enr4j.torch.Tensors.toFloats(scenes.select(0, 0).select(0, 3));
            int outsideNonZero = 0;
            int insideNonZero = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        boolean inside = (i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c) <= c * c;
                        float x = v[(i * d + j) * d + k];
                        if (!inside && x != 0f) {
                            outsideNonZero++;
                        }
                        if (inside && x != 0f) {
                            insideNonZero++;
                        }
                    }
                }
            }
            assertEquals(0, outsideNonZero);
            assertTrue(insideNonZero > 1000);
        }
    }

    @Test
    void stateDictHandlesStayValidAfterTheirDictIsCollected() throws Exception {
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        List<WeightSlot> slots = model.weightSlots();
        long owners = slots.get(0).parameter().use_count();
        Map<String, Tensor> sd = model.stateDict();
        for (int i = 0; i < 5; i++) {
            System.gc();
            org.bytedeco.javacpp.Pointer.deallocateReferences();
            for (int j = 0; j < 200; j++) { // reuse whatever native memory was freed
                try (PointerScope scope = new PointerScope()) {
                    torch.zeros(64).add_(new org.bytedeco.pytorch.Scalar(1.0));
                }
            }
            Thread.sleep(10);
        }
        // each handle is an owner of its own (not a view into the freed dict) ...
        assertEquals(owners + 1, sd.values().iterator().next().use_count());
        // ... and still is the model's own tensor: same storage, shape and values
        var params = sd.entrySet().stream().filter(e -> !e.getKey().endsWith("mask")).toList();
        assertEquals(slots.size(), params.size());
        for (int i = 0; i < slots.size(); i++) {
            Tensor handle = params.get(i).getValue();
            Tensor own = slots.get(i).parameter();
            assertEquals(own.data_ptr().address(), handle.data_ptr().address(), params.get(i).getKey());
            assertArrayEquals(own.shape(), handle.shape(), params.get(i).getKey());
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor first = params.get(0).getValue();
            first.copy_(torch.full(first.shape(), new org.bytedeco.pytorch.Scalar(0.25)));
            assertEquals(0.25f, enr4j.torch.Tensors.toFloats(slots.get(0).parameter())[0]);
        }
    }

    @Test
    void stateDictUsesTheReferenceKeys() {
        NeuralRenderer model = new NeuralRenderer(ModelConfig.reference());
        Map<String, Tensor> sd = model.stateDict();
        assertTrue(sd.containsKey("inv_transform_2d.forward_layers.0.weight"));
        assertTrue(sd.containsKey("inv_transform_2d.forward_layers.1.residual_layers.forward_layers.0.weight"));
        assertTrue(sd.containsKey("inv_transform_2d.forward_layers.1.residual_layers.forward_layers.8.weight"));
        assertTrue(sd.containsKey("inv_transform_2d.forward_layers.4.weight"), "GroupNorm after the strided conv");
        assertTrue(!sd.containsKey("inv_transform_2d.forward_layers.5.weight"), "LeakyReLU has no parameters");
        assertTrue(sd.containsKey("inv_projection.forward_layers.6.bias"));
        assertTrue(sd.containsKey("transform_2d.forward_layers.20.bias"), "final 1x1 conv to RGB");
        assertTrue(sd.containsKey("spherical_mask.mask"));
        assertArrayEquals(new long[] {64, 32, 32, 32}, sd.get("spherical_mask.mask").shape());
        assertArrayEquals(new long[] {256, 128, 4, 4}, sd.get("transform_2d.forward_layers.7.weight").shape(),
                "transposed conv weights are in x out x k x k");
        // weights of the 1x1 conv inside a residual block carry no bias
        assertTrue(!sd.containsKey("inv_transform_2d.forward_layers.1.residual_layers.forward_layers.2.bias"));
        long params = sd.entrySet().stream().filter(e -> !e.getKey().equals("spherical_mask.mask"))
                .mapToLong(e -> e.getValue().numel()).sum();
        assertEquals(11_489_027L, params);
    }

    @Test
    void gradientsReachEveryParameter() {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        try (PointerScope scope = new PointerScope()) {
            Tensor images = torch.rand(4, 3, 32, 32);
            List<CameraPose> poses = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
                    new CameraPose(150, 40), new CameraPose(30, -10));
            Tensor rendered = model.renderSwapped(images, poses);
            torch.l1_loss(rendered, images).backward();
            for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
                Tensor grad = p.getValue().grad();
                assertTrue(grad.defined(), "no gradient for " + p.getKey());
                assertTrue(grad.abs().sum().item_double() > 0, "zero gradient for " + p.getKey());
            }
        }
    }
}
