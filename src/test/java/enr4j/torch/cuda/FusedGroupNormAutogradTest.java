package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FusedGroupNorm}'s autograd wiring on the CPU, with the float64 reference backend: the output and every
 * gradient (through a preceding op, to weight and to bias) equal libtorch's {@code group_norm} (+ LeakyReLU)
 * under autograd, in both layouts, with frozen parameters or an input that needs no gradient, and nothing stays
 * pending after the backward pass.
 */
@Tag("fast")
class FusedGroupNormAutogradTest {
    private static final double TOLERANCE = 1e-4;

    /**
     * A Java handle pins its tensor to the end of the step: once the backward pass has run, nothing of the wiring
     * holds the input (or views of it) any more, so autograd's release frees it.
     */
    @ParameterizedTest(name = "channels-last {0}")
    @CsvSource({"false", "true"})
    void holdsNothingOfTheInputAfterTheBackwardPass(boolean channelsLast) {
        try (PointerScope scope = new PointerScope()) {
            Tensor source = torch.randn(2, 8, 3, 4, 5).requires_grad_(true);
            Tensor weight = torch.ones(8).requires_grad_(true);
            Tensor bias = torch.zeros(8).requires_grad_(true);
            Tensor x = input(source, channelsLast);
            long alone = FusedResampleAutogradTest.storageUses(x);
            Tensor y = FusedGroupNorm.apply(new ReferenceGroupNormBackend(), x, 2, weight, bias, 1e-5, true, 0.2);
            y.sum().backward();
            assertEquals(alone, FusedResampleAutogradTest.storageUses(x), "x's uses after the backward pass");
            assertTrue(weight.grad().defined() && source.grad().defined(), "gradients reached the inputs");
        }
    }

    @ParameterizedTest(name = "{0} groups {1} channels-last {2} activation {3} input grad {4} parameter grads {5} "
            + "gradient buffers {6}")
    @CsvSource({
        "'2,8,5,7',     4, false, true,  true,  true,  false",
        "'2,8,5,7',     4, true,  true,  true,  true,  false",
        "'3,6,4,3,5',   1, false, false, true,  true,  false",
        "'2,12,3,4,2', 12, true,  true,  true,  true,  false",
        "'2,8,5,7',     2, false, true,  true,  false, false",
        "'2,8,5,7',     2, true,  true,  false, true,  false",
        "'1,4,9',       2, false, true,  true,  true,  false",
        "'2,8,5,7',     4, false, true,  true,  true,  true",
        "'2,12,3,4,2', 12, true,  true,  true,  true,  true",
        "'2,8,5,7',     2, true,  true,  false, true,  true"})
    void matchesLibtorchGroupNormUnderAutograd(String shape, int groups, boolean channelsLast, boolean activation,
                                               boolean inputGrad, boolean parameterGrads, boolean buffers) {
        int pendingBefore = HookedBackward.pending();
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(7);
            long[] dims = java.util.Arrays.stream(shape.split(",")).mapToLong(Long::parseLong).toArray();
            long channels = dims[1];
            Tensor source = torch.randn(dims).mul(new Scalar(3.0)).add(new Scalar(1.5)).requires_grad_(inputGrad);
            Tensor weight = torch.randn(channels).add(new Scalar(1.0)).requires_grad_(parameterGrads);
            Tensor bias = torch.randn(channels).requires_grad_(parameterGrads);
            Tensor probe = torch.randn(dims);

            // libtorch's reference on an NC... copy: its CPU channels-last backward writes through a null input
            // gradient when the input needs none (a crash in libtorch 2.10)
            Tensor expected = reference(input(source, channelsLast).contiguous(), groups, weight, bias, activation);
            expected.mul(probe).sum().backward();
            Tensor[] expectedGrads = {grad(source), grad(weight), grad(bias)};
            // with gradient buffers (as FlatAdam leaves them), the parameters' gradients are added into them; without,
            // they go through autograd
            double preset = 0.5;
            for (Tensor t : new Tensor[] {source, weight, bias}) {
                if (t.requires_grad()) {
                    if (buffers || t == source) {
                        t.grad().fill_(new Scalar(t == source ? 0.0 : preset));
                    } else {
                        t.mutable_grad().put(new Tensor());
                    }
                }
            }

            Tensor x = input(source, channelsLast);
            Tensor y = FusedGroupNorm.apply(new ReferenceGroupNormBackend(), x, groups, weight, bias, 1e-5,
                    activation, 0.2);
            assertEquals(channelsLast, !y.is_contiguous() && y.is_contiguous(enr4j.torch.ActivationLayout.format(y.dim())),
                    "the output keeps the input's layout");
            assertTrue(maxDiff(y, expected) < TOLERANCE, "forward differs by " + maxDiff(y, expected));
            y.mul(probe).sum().backward();
            Tensor[] grads = {grad(source), grad(weight), grad(bias)};
            for (int i = 0; i < 3; i++) {
                if (expectedGrads[i] == null) {
                    assertNull(grads[i], "no gradient where none was asked for");
                } else {
                    Tensor want = buffers && i > 0 ? expectedGrads[i].add(new Scalar(preset)) : expectedGrads[i];
                    double d = maxDiff(grads[i], want);
                    assertTrue(d < TOLERANCE, "gradient " + i + " differs by " + d);
                    assertTrue(expectedGrads[i].abs().max().item_double() > 0.01, "the gradient is not trivial");
                }
            }
        }
        assertEquals(pendingBefore, HookedBackward.pending(), "every saved state was released");
    }

    @org.junit.jupiter.api.Test
    void withoutGradientsNothingIsSaved() {
        int pendingBefore = HookedBackward.pending();
        try (PointerScope scope = new PointerScope();
             org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
            Tensor x = torch.randn(2, 4, 3, 3).requires_grad_(true);
            Tensor w = torch.ones(4).requires_grad_(true);
            Tensor y = FusedGroupNorm.apply(new ReferenceGroupNormBackend(), x, 2, w, torch.zeros(4), 1e-5, true, 0.2);
            assertFalse(y.requires_grad());
            assertEquals(pendingBefore, HookedBackward.pending());
        }
    }

    @org.junit.jupiter.api.Test
    void aPreBiasNormalisesTheSumWithoutFormingIt() {
        try (PointerScope scope = new PointerScope();
             org.bytedeco.pytorch.NoGradGuard off = new org.bytedeco.pytorch.NoGradGuard()) {
            torch.manual_seed(3);
            Tensor x = torch.randn(2, 6, 4, 5);
            Tensor w = torch.randn(6);
            Tensor b = torch.randn(6);
            Tensor pre = torch.randn(6).mul(new Scalar(3.0));
            Tensor sum = x.add(pre.view(1, 6, 1, 1));
            Tensor expected = torch.leaky_relu(torch.group_norm(sum, 3, new org.bytedeco.pytorch.TensorOptional(w),
                    new org.bytedeco.pytorch.TensorOptional(b), 1e-5, false), new Scalar(0.2));
            for (boolean channelsLast : new boolean[] {false, true}) {
                Tensor in = channelsLast ? x.contiguous(enr4j.torch.ActivationLayout.format(4)) : x;
                Tensor y = FusedGroupNorm.apply(new ReferenceGroupNormBackend(), in, 3, w, b, pre, 1e-5, true, 0.2);
                assertTrue(maxDiff(y, expected) < TOLERANCE, "differs by " + maxDiff(y, expected));
                Tensor without = FusedGroupNorm.apply(new ReferenceGroupNormBackend(), in, 3, w, b, 1e-5, true, 0.2);
                assertTrue(maxDiff(without, expected) > 0.01, "the pre-bias changes the result");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aPreBiasIsRefusedWhenAGradientIsAskedFor() {
        try (PointerScope scope = new PointerScope()) {
            Tensor x = torch.randn(2, 4, 3, 3).requires_grad_(true);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> FusedGroupNorm.apply(new ReferenceGroupNormBackend(), x, 2, torch.ones(4), torch.zeros(4),
                            torch.ones(4), 1e-5, true, 0.2));
            assertTrue(e.getMessage().contains("without gradients"), e.getMessage());
        }
    }

    /** A non-leaf input, as inside the network: a multiplication, then the requested layout. */
    private static Tensor input(Tensor source, boolean channelsLast) {
        Tensor x = source.mul(new Scalar(1.25));
        return channelsLast ? x.contiguous(enr4j.torch.ActivationLayout.format(x.dim())) : x;
    }

    private static Tensor reference(Tensor x, int groups, Tensor w, Tensor b, boolean activation) {
        Tensor y = torch.group_norm(x, groups, new TensorOptional(w), new TensorOptional(b), 1e-5, true);
        return activation ? torch.leaky_relu(y, new Scalar(0.2)) : y;
    }

    private static Tensor grad(Tensor t) {
        return t.requires_grad() && t.grad().defined() ? t.grad().clone() : null;
    }

    private static double maxDiff(Tensor a, Tensor b) {
        return a.detach().to(torch.ScalarType.Double).sub(b.detach().to(torch.ScalarType.Double)).abs().max()
                .item_double();
    }
}
