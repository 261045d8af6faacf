package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.TinyModels;
import enr4j.torch.ActivationLayout;
import enr4j.torch.Torch;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The {@code --channels-last} switch changes layouts, not numbers: outputs and weight gradients as in NC layout. */
@Tag("fast")
class ChannelsLastRendererTest {

    @AfterEach
    void backToDefault() {
        ActivationLayout.requestChannelsLast(false);
    }

    @Test
    void requestedLayoutIsTheNewModelsDefaultAndGivesTheSameImagesAndGradients() {
        float[][] nc = renderAndGradient(false);
        float[][] cl = renderAndGradient(true);
        assertEquals(nc[0].length, cl[0].length);
        for (int k = 0; k < 2; k++) {
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < nc[k].length; i++) {
                worst = Math.max(worst, Math.abs(nc[k][i] - cl[k][i]));
                scale = Math.max(scale, Math.abs(nc[k][i]));
            }
            assertTrue(scale > 0, "non-trivial values");
            assertTrue(worst <= 1e-4 * Math.max(1, scale), (k == 0 ? "images" : "gradient") + " differ by " + worst);
        }
    }

    @Test
    void inferenceCopiesOfConvolutionWeightsAreChannelsLastAndRenderTheSame() {
        float[][] expected = renderAndGradient(false);
        ActivationLayout.requestChannelsLast(true);
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        model.useInferenceCopies(torch.ScalarType.Float);
        boolean sawConv = false;
        for (WeightSlot slot : model.weightSlots()) {
            if (slot.parameter().dim() == 5 && slot.parameter().size(2) > 1) {
                assertTrue(slot.forCompute().is_contiguous(torch.MemoryFormat.ChannelsLast3d), "3D conv weight");
                assertFalse(slot.forCompute().is_contiguous());
                sawConv = true;
            }
        }
        assertTrue(sawConv);
        try (PointerScope scope = new PointerScope(); org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
            Torch.seed(4);
            float[] images = enr4j.torch.Tensors.toFloats(model.render(model.inverseRender(torch.rand(2, 3, 32, 32)))
                    .contiguous());
            for (int i = 0; i < images.length; i++) {
                assertEquals(expected[0][i], images[i], 1e-4, "pixel " + i);
            }
        }
    }

    /** @return the rendered images and the first inverse-2D weight's gradient, with the layout switch as given */
    private static float[][] renderAndGradient(boolean channelsLast) {
        ActivationLayout.requestChannelsLast(channelsLast);
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.small());
        try (PointerScope scope = new PointerScope()) {
            Torch.seed(4);
            Tensor images = torch.rand(2, 3, 32, 32);
            Tensor scenes = model.inverseRender(images);
            Tensor rendered = model.render(scenes);
            boolean scenesLast = !scenes.is_contiguous()
                    && scenes.is_contiguous(torch.MemoryFormat.ChannelsLast3d);
            if (channelsLast) {
                assertTrue(scenesLast, "scenes channels-last when asked for");
            } else {
                assertFalse(scenesLast, "scenes NCDHW by default");
            }
            rendered.sum().backward();
            Tensor grad = model.parameters().get(0).grad();
            return new float[][] {enr4j.torch.Tensors.toFloats(rendered.contiguous()),
                enr4j.torch.Tensors.toFloats(grad.contiguous())};
        }
    }
}
