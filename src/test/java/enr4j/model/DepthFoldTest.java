package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.ActivationLayout;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Folding depth into channels (and back) gives the reference's reshape in either layout. */
@Tag("fast")
class DepthFoldTest {
    @Test
    void channelsLastScenesFoldIntoChannelsLastFeaturesWithTheReshapesValues() {
        try (PointerScope scope = new PointerScope()) {
            Tensor plain = torch.arange(new org.bytedeco.pytorch.Scalar(2 * 3 * 4 * 5 * 6)).to(torch.ScalarType.Float)
                    .view(2, 3, 4, 5, 6);
            Tensor expected = plain.reshape(2, 12, 5, 6);
            Tensor folded = Projection.fold(plain.contiguous(ActivationLayout.format(5)));
            assertEquals(java.util.Arrays.toString(new long[] {2, 12, 5, 6}), java.util.Arrays.toString(folded.shape()));
            assertTrue(ActivationLayout.isChannelsLast(folded), "channels-last in, channels-last out");
            assertEquals(0.0, folded.sub(expected).abs().max().item_double());
            assertTrue(Projection.fold(plain).is_contiguous(), "NC in, NC out");
        }
    }

    @Test
    void channelsLastFeaturesUnfoldIntoChannelsLastScenesWithTheReshapesValues() {
        try (PointerScope scope = new PointerScope()) {
            // L = 3 channels x depth 4 at 4 x 4 positions (the depth equals the width, as in the model)
            Tensor plain = torch.arange(new org.bytedeco.pytorch.Scalar(2 * 12 * 4 * 4)).to(torch.ScalarType.Float)
                    .view(2, 12, 4, 4);
            Tensor expected = plain.reshape(2, 3, 4, 4, 4);
            Tensor scenes = InverseProjection.unfold(plain.contiguous(ActivationLayout.format(4)));
            assertTrue(ActivationLayout.isChannelsLast(scenes), "channels-last in, channels-last out");
            assertEquals(0.0, scenes.sub(expected).abs().max().item_double());
            Tensor back = Projection.fold(scenes);
            assertEquals(0.0, back.sub(plain).abs().max().item_double(), "fold undoes unfold");
        }
    }

    @Test
    void withoutGradientsTheFirstConvolutionFoldsChannelsLastScenesItselfWithTheSameResult() {
        try (PointerScope scope = new PointerScope()) {
            enr4j.torch.Torch.seed(9);
            Projection projection = new Projection(new FeatureShape(3, 4, 5, 6), java.util.List.of(8, 6));
            Tensor scenes = torch.randn(2, 3, 4, 5, 6).contiguous(ActivationLayout.format(5));
            Tensor copied = projection.forward(scenes); // gradients on: the folded copy
            Tensor direct;
            try (org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
                direct = projection.forward(scenes); // a (4, 1, 1) convolution over the scenes as they are
            }
            assertEquals(java.util.Arrays.toString(copied.shape()), java.util.Arrays.toString(direct.shape()));
            assertTrue(ActivationLayout.isChannelsLast(direct), "channels-last out");
            double err = direct.sub(copied.detach()).abs().max().item_double();
            assertTrue(err < 1e-5, "differs by " + err);
        }
    }
}
