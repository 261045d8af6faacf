package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Torch;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A residual block without gradients on channels-last input adds its last convolution's product straight into its
 * input: the same sum as x + f(x), written where x was.
 */
@Tag("fast")
class ResidualBlockTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void fusedSumEqualsInputPlusBranch(int rank) {
        try (PointerScope scope = new PointerScope(); NoGradGuard off = new NoGradGuard()) {
            Torch.seed(7);
            ResidualBlock block = new ResidualBlock(SpatialDims.of(rank), 16, 24);
            long[] shape = rank == 2 ? new long[] {2, 16, 9, 7} : new long[] {2, 16, 5, 6, 3};
            Tensor x = torch.randn(shape).contiguous(ActivationLayout.format(rank + 2));
            Tensor expected = x.add(block.residual().forward(x));
            Tensor input = x.clone(new org.bytedeco.pytorch.MemoryFormatOptional(ActivationLayout.format(rank + 2)));
            Tensor sum = block.forward(input);
            assertSame(input, sum, "written into the input");
            assertTrue(ActivationLayout.isChannelsLast(sum));
            double err = sum.sub(expected).abs().max().item_double();
            assertTrue(err < 1e-5 * Math.max(1, expected.abs().max().item_double()), "differs by " + err);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void inputIsLeftAloneWhenGradientsFlowOrTheLayoutIsNc(boolean gradients) {
        try (PointerScope scope = new PointerScope()) {
            Torch.seed(8);
            ResidualBlock block = new ResidualBlock(SpatialDims.TWO, 8, 8);
            Tensor x = torch.randn(1, 8, 5, 5);
            if (!gradients) {
                x = x.contiguous(); // NC: the fused sum needs channels-last
            } else {
                x = x.contiguous(ActivationLayout.format(4));
            }
            Tensor before = x.clone();
            Tensor sum;
            if (gradients) {
                sum = block.forward(x);
            } else {
                try (NoGradGuard off = new NoGradGuard()) {
                    sum = block.forward(x);
                }
            }
            assertTrue(torch.equal(x, before), "input unchanged");
            assertTrue(sum.sub(x).abs().max().item_double() > 0, "the branch added something");
        }
    }
}
