package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import enr4j.torch.Intermediates;
import java.util.List;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Volumes resampled by fixed affine maps through a {@link ResampleBackend}, wired into autograd (the volumes'
 * gradient; the maps get none) with {@link HookedBackward}. Saved for the backward pass: the maps only (the volumes'
 * gradient takes its shape, dtype and layout from the output's).
 */
public final class FusedResample {
    private FusedResample() {}

    /**
     * @param volumes B x C x D x H x W
     * @param maps    B x 3 x 4
     * @return whether the fused kernels handle this call: float32 or bfloat16 volumes on CUDA, each volume contiguous
     *     or channels-last, float32 maps that need no gradient, sizes that the kernels' 32-bit dimensions hold; a
     *     volume expanded over the batch only when it needs no gradient
     */
    public static boolean supports(Tensor volumes, Tensor maps) {
        byte type = volumes.scalar_type().value;
        if (type != torch.ScalarType.Float.value && type != torch.ScalarType.BFloat16.value) {
            return false;
        }
        if (volumes.dim() != 5 || volumes.numel() == 0 || !volumes.is_cuda() || maps.requires_grad()
                || maps.scalar_type().value != torch.ScalarType.Float.value || maps.dim() != 3
                || maps.size(0) != volumes.size(0) || maps.size(1) != 3 || maps.size(2) != 4) {
            return false;
        }
        Tensor one = volumes.narrow(0, 0, 1);
        boolean laidOut = one.is_contiguous() || ActivationLayout.isChannelsLast(one);
        Intermediates.release(one);
        if (!laidOut) {
            return false;
        }
        boolean expanded = volumes.size(0) > 1 && volumes.stride(0) == 0;
        return !(expanded && volumes.requires_grad() && GradMode.is_enabled())
                && volumes.numel() / volumes.size(0) <= Integer.MAX_VALUE;
    }

    /** Whether a volume (not the batch: it may be expanded) is channels-last rather than contiguous. */
    static boolean channelsLast(Tensor volumes) {
        Tensor one = volumes.narrow(0, 0, 1);
        boolean last = ActivationLayout.isChannelsLast(one);
        Intermediates.release(one); // a view's handle would pin the volumes to the step's end
        return last;
    }

    /**
     * @param volumes B x C x D x H x W, {@link #supports supported}
     * @param maps    B x 3 x 4 float32, inverse affine maps in grid order (width, height, depth)
     * @return B x C x D x H x W, the volumes' dtype and layout
     */
    public static Tensor apply(ResampleBackend backend, Tensor volumes, Tensor maps, boolean nearest) {
        Tensor m = maps.contiguous();
        Tensor y;
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor detached = volumes.detach();
            y = backend.forward(detached, m, nearest);
            Intermediates.release(detached);
        }
        if (!GradMode.is_enabled() || !volumes.requires_grad()) {
            Intermediates.release(m);
            return y;
        }
        boolean last = FusedResample.channelsLast(volumes);
        // channels-last outputs are wired on their contiguous permutation (see FusedGroupNorm)
        Tensor target = last ? ActivationLayout.channelsInnermost(y, true).detach() : y;
        Tensor values = ActivationLayout.channelsInnermost(volumes, last);
        torch.ScalarType type = y.scalar_type();
        Tensor savedMaps = new Tensor(m);
        HookedBackward.wire(target, List.of(values), dy -> {
            Tensor g = ActivationLayout.contiguousIn(ActivationLayout.channelsSecond(dy, last), last, type);
            return List.of(ActivationLayout.channelsInnermost(backend.backward(g, savedMaps, nearest), last));
        }, savedMaps::deallocate);
        Tensor out = ActivationLayout.channelsSecond(target, last);
        // the other handles made here go now (a handle pins its storage to the step's end): nothing of the volumes
        // is saved, so they are freed as soon as the caller lets go of them
        if (last) {
            Intermediates.release(values, target, y); // the permuted views and alias; out is a view of target
        }
        Intermediates.release(m);
        return out;
    }
}
