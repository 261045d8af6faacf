package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.model.WeightSlot;
import enr4j.testing.TinyModels;
import enr4j.torch.ActivationLayout;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With channels-last activations the optimizer lays convolution weights out channels-last in its flat vectors:
 * the layers see channels-last weights, training gives the same weights as in contiguous order, and saved state is
 * in contiguous order so it loads into a run without the switch.
 */
@Tag("fast")
class ChannelsLastWeightsTest {
    private static final List<CameraPose> POSES = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
            new CameraPose(150, 40), new CameraPose(30, -10));

    @AfterEach
    void backToDefault() {
        ActivationLayout.requestChannelsLast(false);
    }

    @Test
    void segmentsViewChannelsLastAndRoundTripThroughContiguousOrder() {
        FlatSegments s = new FlatSegments(List.of(new long[] {3}, new long[] {4, 2, 3, 3}, new long[] {2, 3, 2, 2, 2}),
                true);
        assertEquals(3 + 72 + 48, s.total());
        try (PointerScope scope = new PointerScope()) {
            Tensor flat = torch.arange(new org.bytedeco.pytorch.Scalar(s.total())).to(torch.ScalarType.Float);
            Tensor w = s.view(flat, 1);
            assertArrayEquals(new long[] {4, 2, 3, 3}, w.shape());
            assertTrue(w.is_contiguous(torch.MemoryFormat.ChannelsLast) && !w.is_contiguous());
            assertTrue(s.view(flat, 2).is_contiguous(torch.MemoryFormat.ChannelsLast3d));
            // element (o, i, y, x) sits at offset 3 + ((o * 3 + y) * 3 + x) * 2 + i
            assertEquals(3 + ((1 * 3 + 2) * 3 + 0) * 2 + 1, w.get(1).get(1).get(2).get(0).item_float());
            Tensor ordered = s.toContiguousOrder(flat);
            assertEquals(w.get(1).get(1).get(2).get(0).item_float(),
                    ordered.get(3 + ((1 * 2 + 1) * 3 + 2) * 3).item_float());
            Tensor back = torch.zeros_like(flat);
            s.copyFromContiguousOrder(ordered, back);
            assertTrue(torch.equal(back, flat));
        }
    }

    @Test
    void bf16ComputeCopiesAreChannelsLastAndTrainAsContiguousOnes() {
        ActivationLayout.requestChannelsLast(true);
        NeuralRenderer contiguous = model();
        train(contiguous, new FlatAdam(contiguous.weightSlots(), 1e-3, Precision.BF16, false), Precision.BF16);
        NeuralRenderer cl = model();
        FlatAdam clAdam = new FlatAdam(cl.weightSlots(), 1e-3, Precision.BF16);
        for (WeightSlot slot : cl.weightSlots()) {
            if (slot.parameter().dim() == 5) {
                assertEquals(torch.ScalarType.BFloat16.value, slot.forCompute().scalar_type().value);
                assertTrue(slot.forCompute().is_contiguous(torch.MemoryFormat.ChannelsLast3d));
            }
        }
        train(cl, clAdam, Precision.BF16);
        // same activations layout both times: only where the weights sit differs. The CPU's bf16 convolutions may pick
        // another algorithm for other weight strides (with two threads they do), so a few bf16 roundings may differ;
        // a misplaced weight would differ by the weights' own size
        double diff = TrainFixtures.maxDiff(ModelFiles.weights(contiguous), ModelFiles.weights(cl));
        assertTrue(diff <= 0x1p-6, "bf16 weights differ by " + diff);
    }

    @Test
    void trainsLikeContiguousWeightsAndItsStateLoadsIntoAContiguousRun() {
        NeuralRenderer nc = model();
        FlatAdam ncAdam = new FlatAdam(nc.weightSlots(), 1e-3, Precision.FP32);
        train(nc, ncAdam, Precision.FP32);

        ActivationLayout.requestChannelsLast(true);
        NeuralRenderer cl = model();
        FlatAdam clAdam = new FlatAdam(cl.weightSlots(), 1e-3, Precision.FP32);
        boolean sawConv = false;
        for (WeightSlot slot : cl.weightSlots()) {
            if (slot.parameter().dim() == 5 && slot.parameter().size(2) > 1) {
                assertTrue(slot.forCompute().is_contiguous(torch.MemoryFormat.ChannelsLast3d), "3D conv weight");
                assertFalse(slot.forCompute().is_contiguous(), "laid out channels-last, not contiguous");
                sawConv = true;
            }
        }
        assertTrue(sawConv, "the tiny model has a 3D convolution with a kernel wider than 1");
        train(cl, clAdam, Precision.FP32);

        double d = TrainFixtures.maxDiff(ModelFiles.weights(nc), ModelFiles.weights(cl));
        assertTrue(d < 1e-5, "channels-last weights trained differently by " + d);
        Map<String, RawTensor> ncState = ncAdam.state();
        Map<String, RawTensor> clState = clAdam.state();
        assertTrue(TrainFixtures.maxDiff(ncState, clState) < 1e-5, "saved moments are in contiguous order");

        ActivationLayout.requestChannelsLast(false);
        NeuralRenderer resumed = model();
        FlatAdam resumedAdam = new FlatAdam(resumed.weightSlots(), 1e-3, Precision.FP32);
        resumedAdam.loadState(clState);
        assertEquals(0.0, TrainFixtures.maxDiff(clState, resumedAdam.state()), "state of a channels-last run loads unchanged");
    }

    private static NeuralRenderer model() {
        Torch.seed(11);
        return new NeuralRenderer(TinyModels.tiny());
    }

    private static void train(NeuralRenderer model, FlatAdam adam, Precision precision) {
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05), adam,
                precision, false);
        for (int i = 0; i < 3; i++) {
            try (PointerScope s = new PointerScope()) {
                torch.manual_seed(200 + i);
                step.run(torch.rand(4, 3, 16, 16), POSES);
            }
        }
    }
}
