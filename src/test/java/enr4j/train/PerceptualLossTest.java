package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.io.ModelFileException;
import enr4j.torch.io.OrderedDictMap;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.TorchCheckpoints;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PerceptualLossTest {
    @TempDir
    static Path dir;
    static Path weights;

    /** A randomly initialised VGG19 feature stack up to conv3_2 (index 12), saved like torchvision's state dict. */
    @BeforeAll
    static void writeWeights() {
        int[][] convs = {{0, 64, 3}, {2, 64, 64}, {5, 128, 64}, {7, 128, 128}, {10, 256, 128}, {12, 256, 256}};
        OrderedDictMap state = new OrderedDictMap();
        Random rng = new Random(1);
        for (int[] c : convs) {
            float[] w = new float[c[1] * c[2] * 9];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextGaussian() * Math.sqrt(2.0 / (c[2] * 9)));
            }
            state.put("features." + c[0] + ".weight", RawTensor.ofFloats(new long[] {c[1], c[2], 3, 3}, w));
            state.put("features." + c[0] + ".bias", RawTensor.ofFloats(new long[] {c[1]}, new float[c[1]]));
        }
        weights = dir.resolve("vgg19.pth");
        TorchCheckpoints.write(weights, state);
    }

    private static Vgg19Features vgg(List<Integer> taps) {
        return new Vgg19Features(weights, taps, new Device(torch.DeviceType.CPU));
    }

    @Test
    void featureShapesFollowTorchvisionsIndices() {
        try (PointerScope s = new PointerScope()) {
            List<Tensor> f = vgg(List.of(2, 7, 12)).features(torch.rand(2, 3, 32, 32));
            assertEquals(3, f.size());
            assertArrayEquals(new long[] {2, 64, 32, 32}, f.get(0).shape(), "index 2 = conv1_2");
            assertArrayEquals(new long[] {2, 128, 16, 16}, f.get(1).shape(), "index 7 = conv2_2, after one pool");
            assertArrayEquals(new long[] {2, 256, 8, 8}, f.get(2).shape(), "index 12 = conv3_2, after two pools");
        }
    }

    @Test
    void zeroForIdenticalImagesPositiveAndDifferentiableOtherwise() {
        PerceptualLoss loss = new PerceptualLoss(vgg(List.of(2, 7, 12)), 0.1);
        try (PointerScope s = new PointerScope()) {
            Tensor a = torch.rand(2, 3, 32, 32);
            assertEquals(0.0, loss.compute(a, a).item_double(), 1e-12);
            Tensor b = a.detach().clone().requires_grad_(true);
            Tensor target = torch.rand(2, 3, 32, 32);
            Tensor value = loss.compute(b, target);
            assertTrue(value.item_double() > 0);
            value.backward();
            assertTrue(b.grad().abs().sum().item_double() > 0, "gradients reach the renders");
        }
    }

    @Test
    void missingOrWrongWeightsAreNamed() {
        ModelFileException missing = assertThrows(ModelFileException.class,
                () -> new Vgg19Features(dir.resolve("nope.pth"), List.of(2), new Device(torch.DeviceType.CPU)));
        assertTrue(missing.getMessage().contains("nope.pth"));
        ModelFileException tooDeep = assertThrows(ModelFileException.class, () -> vgg(List.of(14)));
        assertTrue(tooDeep.getMessage().contains("features.14.weight"), tooDeep.getMessage());
    }
}
