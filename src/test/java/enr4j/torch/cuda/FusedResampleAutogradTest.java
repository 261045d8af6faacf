package enr4j.torch.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.ActivationLayout;
import org.bytedeco.javacpp.BoolPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FusedResample}'s autograd wiring on the CPU, with libtorch's own sampler as the backend: the output and
 * the volumes' gradient (through a preceding op) equal libtorch's {@code affine_grid} + {@code grid_sample} under
 * autograd, for contiguous and channels-last volumes, and nothing stays pending after the backward pass.
 */
@Tag("fast")
class FusedResampleAutogradTest {
    @ParameterizedTest(name = "channels-last {0} nearest {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void matchesGridSampleUnderAutograd(boolean channelsLast, boolean nearest) {
        int pendingBefore = HookedBackward.pending();
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            Tensor source = torch.randn(2, 3, 4, 5, 6).requires_grad_(true);
            Tensor maps = torch.randn(2, 3, 4).mul(new Scalar(0.5)).add(torch.eye(3, 4).unsqueeze(0));
            Tensor probe = torch.randn(2, 3, 4, 5, 6);
            Tensor expected = reference(source.mul(new Scalar(2.0)), maps, nearest);
            expected.mul(probe).sum().backward();
            Tensor expectedGrad = source.grad().clone();
            source.grad().zero_();

            Tensor x = source.mul(new Scalar(2.0));
            if (channelsLast) {
                x = x.contiguous(ActivationLayout.format(5));
            }
            Tensor y = FusedResample.apply(new LibtorchSampler(), x, maps, nearest);
            assertArrayEquals(expected.shape(), y.shape());
            assertEquals(channelsLast, !y.is_contiguous() && y.is_contiguous(ActivationLayout.format(5)), "layout kept");
            assertTrue(y.requires_grad());
            y.mul(probe).sum().backward();
            assertEquals(0.0, y.detach().sub(expected.detach()).abs().max().item_double(), 1e-6, "output");
            assertEquals(0.0, source.grad().sub(expectedGrad).abs().max().item_double(), 1e-6, "volume gradient");
        }
        assertEquals(pendingBefore, HookedBackward.pending(), "every saved state was released");
    }

    /** A Java handle pins its tensor to the end of the step: the wiring keeps none on the volumes (it needs none). */
    @ParameterizedTest(name = "channels-last {0}")
    @CsvSource({"false", "true"})
    void keepsNoHandleOnTheVolumes(boolean channelsLast) {
        try (PointerScope scope = new PointerScope()) {
            Tensor source = torch.randn(2, 8, 4, 5, 6).requires_grad_(true);
            Tensor maps = torch.eye(3, 4).unsqueeze(0).repeat(2, 1, 1);
            Tensor x = source.mul(new Scalar(2.0));
            if (channelsLast) {
                x = x.contiguous(ActivationLayout.format(5));
            }
            long alone = storageUses(x);
            Tensor y = FusedResample.apply(new LibtorchSampler(), x, maps, false);
            assertEquals(alone, storageUses(x), "after the forward pass");
            y.sum().backward();
            assertEquals(alone, storageUses(x), "after the backward pass");
            assertEquals(2.0, source.grad().mean().item_double(), 1e-5, "identity maps pass the gradient of 2 x on");
        }
    }

    /** How many tensors share t's storage (the count includes the handle asked for it, so compare counts only). */
    static long storageUses(Tensor t) {
        try (org.bytedeco.pytorch.Storage storage = t.storage()) {
            return storage.use_count();
        }
    }

    private static Tensor reference(Tensor volumes, Tensor maps, boolean nearest) {
        Tensor grid = torch.affine_grid_generator(maps, volumes.shape(), false);
        return torch.grid_sampler(volumes, grid, nearest ? 1 : 0, 0, false);
    }

    /** libtorch's sampler as a {@link ResampleBackend}: its forward, and its backward's input gradient. */
    private static final class LibtorchSampler implements ResampleBackend {
        @Override
        public Tensor forward(Tensor volumes, Tensor maps, boolean nearest) {
            Tensor contiguous = volumes.contiguous();
            Tensor y = reference(contiguous, maps, nearest);
            enr4j.torch.Intermediates.release(contiguous); // as the CUDA backend, keep no handle on the volumes
            return FusedResample.channelsLast(volumes) ? y.contiguous(ActivationLayout.format(5)) : y;
        }

        @Override
        public Tensor backward(Tensor dy, Tensor maps, boolean nearest) {
            Tensor grid = torch.affine_grid_generator(maps, dy.shape(), false);
            BoolPointer mask = new BoolPointer(2).put(0, true).put(1, false);
            // the input's values are not read for its own gradient: dy stands in for its shape
            // an owning copy of the handle: get0() points into the tuple, which the scope frees
            Tensor g = new Tensor(torch.grid_sampler_3d_backward(dy.contiguous(), dy.contiguous(), grid,
                    nearest ? 1 : 0, 0, false, mask).get0());
            return FusedResample.channelsLast(dy) ? g.contiguous(ActivationLayout.format(5)) : g;
        }
    }
}
