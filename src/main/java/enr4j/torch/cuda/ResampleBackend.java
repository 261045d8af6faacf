package enr4j.torch.cuda;

import org.bytedeco.pytorch.Tensor;

/**
 * The kernels behind {@link FusedResample}: volumes resampled by affine maps as libtorch's {@code affine_grid} +
 * {@code grid_sample} do it (3D, align_corners false, zero padding), the grid in float32. Called without autograd.
 */
public interface ResampleBackend {
    /**
     * @param volumes B x C x D x H x W (or 1 x ... expanded over B, batch stride 0), float32 or bfloat16, each volume
     *                contiguous or channels-last contiguous
     * @param maps    B x 3 x 4 float32, contiguous, on the volumes' device
     * @param nearest nearest-voxel sampling instead of trilinear
     * @return B x C x D x H x W, the volumes' dtype and layout
     */
    Tensor forward(Tensor volumes, Tensor maps, boolean nearest);

    /**
     * @param dy the output's gradient, B x C x D x H x W in the volumes' dtype and layout (each contiguous or
     *           channels-last contiguous); the volumes themselves are not needed, as they had the output's shape
     * @param maps B x 3 x 4 float32, as given to {@link #forward}
     * @return the volumes' gradient, dy's shape, dtype and layout
     */
    Tensor backward(Tensor dy, Tensor maps, boolean nearest);
}
