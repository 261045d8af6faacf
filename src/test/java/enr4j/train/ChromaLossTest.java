package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class ChromaLossTest {
    private static final ChromaLoss LOSS = new ChromaLoss(1);

    /** 1 x 3 x 1 x 2 from two RGB pixels. */
    private static Tensor image(float[] p0, float[] p1) {
        return Tensors.fromFloats(new float[] {p0[0], p1[0], p0[1], p1[1], p0[2], p1[2]}, 1, 3, 1, 2);
    }

    private static float value(Tensor rendered, Tensor targets) {
        Tensor l = LOSS.compute(rendered, targets);
        assertEquals(0, l.dim());
        assertEquals(torch.ScalarType.Float.value, l.scalar_type().value);
        return l.item_float();
    }

    @Test
    void chromaIsEachPixelMinusItsGreyLevel() {
        try (PointerScope s = new PointerScope()) {
            Tensor c = ChromaLoss.chroma(image(new float[] {0.9f, 0.3f, 0.0f}, new float[] {0.5f, 0.5f, 0.5f}));
            assertArrayEquals(new long[] {1, 3, 1, 2}, c.shape());
            assertArrayEquals(new float[] {0.5f, 0, -0.1f, 0, -0.4f, 0}, Tensors.toFloats(c), 1e-6f);
        }
    }

    @Test
    void meanAbsoluteChromaDifferenceComputedByHand() {
        try (PointerScope s = new PointerScope()) {
            // render: (0.9, 0.3, 0) has chroma (0.5, -0.1, -0.4); (0.2, 0.2, 0.8) has chroma (-0.2, -0.2, 0.4)
            // target: (0.6, 0.6, 0.6) has chroma 0; (0, 0.6, 0.3) has chroma (-0.3, 0.3, 0)
            // |differences|: (0.5, 0.1, 0.4) and (0.1, 0.5, 0.4): sum 2.0 over 6 elements
            Tensor rendered = image(new float[] {0.9f, 0.3f, 0}, new float[] {0.2f, 0.2f, 0.8f});
            Tensor targets = image(new float[] {0.6f, 0.6f, 0.6f}, new float[] {0, 0.6f, 0.3f});
            assertEquals(2.0f / 6, value(rendered, targets), 1e-6f);
        }
    }

    @Test
    void zeroForIdenticalImagesAndForAGreyOffset() {
        try (PointerScope s = new PointerScope()) {
            torch.manual_seed(3);
            Tensor a = torch.rand(2, 3, 4, 4);
            assertEquals(0f, value(a, a));
            // the same offset in every channel of a pixel moves its grey level, not its chroma
            Tensor grey = torch.rand(2, 1, 4, 4).mul(Tensors.scalar(0.5));
            assertEquals(0f, value(a.add(grey), a), 1e-6f);
            assertTrue(value(a.add(torch.rand(2, 3, 4, 4)), a) > 0.01f);
        }
    }

    @Test
    void gradientsReachTheRender() {
        try (PointerScope s = new PointerScope()) {
            torch.manual_seed(4);
            Tensor rendered = torch.rand(2, 3, 4, 4).requires_grad_(true);
            LOSS.compute(rendered, torch.rand(2, 3, 4, 4)).backward();
            assertTrue(rendered.grad().defined());
            assertTrue(rendered.grad().abs().sum().item_float() > 0);
        }
    }

    @Test
    void bfloat16RendersAreComparedInFloat32() {
        try (PointerScope s = new PointerScope()) {
            Tensor rendered = image(new float[] {1, 0, 0}, new float[] {0, 0, 1});
            Tensor targets = image(new float[] {0, 1, 0}, new float[] {0, 0, 1});
            assertEquals(value(rendered, targets), value(rendered.to(torch.ScalarType.BFloat16), targets), 1e-6f);
        }
    }
}
