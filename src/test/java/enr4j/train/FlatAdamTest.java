package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import enr4j.torch.io.RawTensor;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FlatAdamTest {
    private static final List<CameraPose> POSES = List.of(new CameraPose(10, 20), new CameraPose(-70, 5),
            new CameraPose(150, 40), new CameraPose(30, -10));

    private static NeuralRenderer model(long seed) {
        Torch.seed(seed);
        return new NeuralRenderer(TinyModels.tiny());
    }

    private static void train(NeuralRenderer model, ParameterOptimizer opt, Precision precision, int steps) {
        TrainingStep step = new TrainingStep(model, new RenderingLoss(RenderingLoss.Kind.L1, 0.05), opt, precision,
                false);
        for (int i = 0; i < steps; i++) {
            try (PointerScope s = new PointerScope()) {
                torch.manual_seed(100 + i);
                step.run(torch.rand(4, 3, 16, 16), POSES);
            }
        }
    }

    @Test
    void followsAdamsClosedFormStepForStep() {
        NeuralRenderer m = model(5);
        FlatAdam adam = new FlatAdam(m.weightSlots(), 1e-3, Precision.FP32);
        TrainingStep step = new TrainingStep(m, new RenderingLoss(RenderingLoss.Kind.L1, 0.05), adam, Precision.FP32,
                false);
        String key = "inv_projection.forward_layers.0.weight";
        float[] p = ModelFiles.weights(m).get(key).toFloatArray();
        double[] mom = new double[p.length];
        double[] sq = new double[p.length];
        double[] expected = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            expected[i] = p[i];
        }
        for (int t = 1; t <= 3; t++) {
            float[] g;
            try (PointerScope s = new PointerScope()) {
                torch.manual_seed(100 + t);
                step.run(torch.rand(4, 3, 16, 16), POSES);
                g = enr4j.torch.Tensors.toFloats(m.namedParameters().get(key).grad());
            }
            for (int i = 0; i < p.length; i++) {
                mom[i] = 0.9 * mom[i] + 0.1 * g[i];
                sq[i] = 0.999 * sq[i] + 0.001 * (double) g[i] * g[i];
                double mh = mom[i] / (1 - Math.pow(0.9, t));
                double vh = sq[i] / (1 - Math.pow(0.999, t));
                expected[i] -= 1e-3 * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        float[] actual = ModelFiles.weights(m).get(key).toFloatArray();
        double worst = 0;
        double moved = 0;
        for (int i = 0; i < p.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            moved = Math.max(moved, Math.abs(actual[i] - p[i]));
        }
        assertTrue(moved > 1e-3, "the weights must move");
        assertTrue(worst < 1e-6, "flat Adam is off the closed form by " + worst);
    }

    @Test
    void agreesWithLibtorchAdamWhereGradientsAreNotNoise() {
        NeuralRenderer a = model(5);
        NeuralRenderer b = model(5);
        train(a, new AdamOptimizer(a.namedParameters().values(), 1e-3), Precision.FP32, 1);
        train(b, new FlatAdam(b.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, 1);
        // The last 1x1 conv to RGB gets large, well-conditioned gradients: both must agree closely there.
        String key = "transform_2d.forward_layers.6.weight";
        float[] x = ModelFiles.weights(a).get(key).toFloatArray();
        float[] y = ModelFiles.weights(b).get(key).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1e-5, key + "[" + i + "]");
        }
    }

    @Test
    void frozenParametersStayPutAndMomentsSurvive() {
        NeuralRenderer m = model(6);
        FlatAdam adam = new FlatAdam(m.weightSlots(), 1e-3, Precision.FP32);
        train(m, adam, Precision.FP32, 2);
        Map<String, RawTensor> before = ModelFiles.weights(m);
        float[] momentsBefore = adam.state().get("exp_avg").toFloatArray();
        m.namedParameters().forEach((k, p) -> {
            if (k.startsWith("inv_transform_2d")) {
                p.requires_grad_(false);
            }
        });
        train(m, adam, Precision.FP32, 2);
        Map<String, RawTensor> after = ModelFiles.weights(m);
        float[] momentsAfter = adam.state().get("exp_avg").toFloatArray();
        int frozenCount = 0;
        int firstFrozen = -1;
        int offset = 0;
        for (String k : before.keySet()) {
            if (k.equals("spherical_mask.mask")) {
                continue;
            }
            boolean frozen = k.startsWith("inv_transform_2d");
            boolean same = java.util.Arrays.equals(before.get(k).data(), after.get(k).data());
            assertEquals(frozen, same, k + (frozen ? " changed while frozen" : " did not train"));
            if (frozen) {
                frozenCount++;
                if (firstFrozen < 0) {
                    firstFrozen = offset;
                }
            }
            offset += (int) before.get(k).numel();
        }
        assertTrue(frozenCount > 0);
        assertEquals(momentsBefore[firstFrozen], momentsAfter[firstFrozen], "frozen moments must not decay");
        m.namedParameters().values().forEach(p -> p.requires_grad_(true));
        train(m, adam, Precision.FP32, 1);
        assertTrue(!java.util.Arrays.equals(after.get("inv_transform_2d.forward_layers.0.weight").data(),
                ModelFiles.weights(m).get("inv_transform_2d.forward_layers.0.weight").data()), "unfrozen trains again");
    }

    @Test
    void bf16KeepsFloat32MasterWeightsCloseToFp32Training() {
        NeuralRenderer a = model(7);
        NeuralRenderer b = model(7);
        train(a, new FlatAdam(a.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, 2);
        train(b, new FlatAdam(b.weightSlots(), 1e-3, Precision.BF16), Precision.BF16, 2);
        Map<String, RawTensor> wb = ModelFiles.weights(b);
        assertEquals(enr4j.torch.io.DType.FLOAT32, wb.get("projection.forward_layers.0.weight").dtype());
        double d = TrainFixtures.maxDiff(ModelFiles.weights(a), wb);
        assertTrue(d < 5e-3, "bf16 and fp32 runs drifted by " + d);
    }

    @Test
    void gradientsLandInTheFlatBuffer() {
        NeuralRenderer m = model(8);
        FlatAdam adam = new FlatAdam(m.weightSlots(), 1e-3, Precision.FP32);
        try (PointerScope s = new PointerScope()) {
            adam.zeroGrad();
            Tensor rendered = m.renderSwapped(torch.rand(4, 3, 16, 16), POSES);
            rendered.mean().backward();
            for (Tensor p : m.namedParameters().values()) {
                assertTrue(p.grad().defined());
            }
            Tensor g = m.namedParameters().get("transform_2d.forward_layers.0.weight").grad();
            assertTrue(g.abs().sum().item_double() > 0);
        }
    }

    @Test
    void deviceScalarsGiveTheSameUpdatesAndFollowTheLearningRate() {
        NeuralRenderer a = model(9);
        NeuralRenderer b = model(9);
        train(a, new FlatAdam(a.weightSlots(), 1e-3, Precision.FP32), Precision.FP32, 4);
        FlatAdam onDevice = new FlatAdam(b.weightSlots(), 1e-3, Precision.FP32);
        onDevice.keepScalarsOnDevice();
        train(b, onDevice, Precision.FP32, 4);
        Map<String, RawTensor> wb = ModelFiles.weights(b);
        double d = TrainFixtures.maxDiff(ModelFiles.weights(a), wb);
        assertTrue(d < 1e-6, "device-scalar Adam drifted from the host-scalar one by " + d);
        onDevice.setLearningRate(0);
        train(b, onDevice, Precision.FP32, 2);
        assertEquals(0.0, TrainFixtures.maxDiff(wb, ModelFiles.weights(b)), "a zero learning rate set after the switch must hold");
    }
}
