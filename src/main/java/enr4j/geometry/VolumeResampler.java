package enr4j.geometry;

import enr4j.torch.Intermediates;
import enr4j.torch.Tensors;
import enr4j.torch.cuda.FusedResample;
import enr4j.torch.cuda.Kernels;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Moves the content of voxel volumes by rigid transforms: PyTorch {@code affine_grid} +
 * {@code grid_sample} semantics (trilinear or nearest, zero padding, {@code align_corners = false}).
 *
 * <p>Frames: a transform acts on (x, y, z) = (depth, height, width) coordinates normalised to
 * [-1, 1] over the volume; the sampler orders its grid as (width, height, depth), so the inverse map
 * is flipped in both axes before it reaches libtorch. A translation is in world units; it is divided
 * by the scene extent (world units from the volume centre to a face) to reach normalised units.
 */
public final class VolumeResampler {
    /**
     * Off unless the system property {@code enr4j.resampleInComputeType} is true: then low-precision volumes are
     * sampled on a grid of their own type, as before float32 resampling (kept to measure what it costs).
     */
    private static final boolean GRID_IN_COMPUTE_TYPE = Boolean.getBoolean("enr4j.resampleInComputeType");

    private VolumeResampler() {}

    /**
     * Transforms each volume by its rigid transform.
     *
     * @param volumes     B x C x D x H x W
     * @param transforms  B transforms, content at p moves to {@code transform.apply(p)}
     * @param sceneExtent world units from the volume's centre to its face (scales translations)
     * @return B x C x D x H x W, same dtype and device as {@code volumes}
     */
    public static Tensor transform(Tensor volumes, List<RigidTransform> transforms, double sceneExtent,
                                   Interpolation mode) {
        return transformByMaps(volumes, Tensors.upload(inverseMaps(transforms, sceneExtent), volumes.device()), mode);
    }

    /**
     * The sampler's inverse affine maps of rigid transforms, in grid order (width, height, depth) and normalised units.
     *
     * @return B x 3 x 4 float32 on the CPU
     */
    public static Tensor inverseMaps(List<RigidTransform> transforms, double sceneExtent) {
        int batch = transforms.size();
        float[] theta = new float[batch * 12];
        for (int b = 0; b < batch; b++) {
            RigidTransform inv = transforms.get(b).inverse();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    theta[b * 12 + 4 * i + j] = (float) inv.rotation().get(2 - i, 2 - j);
                }
                theta[b * 12 + 4 * i + 3] = (float) (inv.translation().get(2 - i) / sceneExtent);
            }
        }
        return Tensor.create(theta, batch, 3, 4);
    }

    /**
     * Transforms each volume by maps made beforehand with {@link #inverseMaps} (already on the device): what a
     * captured CUDA graph replays, since it must not upload anything itself.
     *
     * @param volumes B x C x D x H x W
     * @param maps    B x 3 x 4 float32 on the volumes' device
     * @return B x C x D x H x W, same dtype as {@code volumes}
     */
    public static Tensor transformByMaps(Tensor volumes, Tensor maps, Interpolation mode) {
        if (maps.dim() != 3 || maps.size(0) != volumes.size(0)) {
            throw new IllegalArgumentException("got " + (maps.dim() == 3 ? maps.size(0) : -1)
                    + " transforms for a batch of " + volumes.size(0));
        }
        return sample(volumes, maps, mode);
    }

    /**
     * Rotates each volume about its centre by a rotation given as a tensor (differentiable in it).
     *
     * @param volumes   B x C x D x H x W
     * @param rotations B x 3 x 3, content at p moves to R p
     * @return B x C x D x H x W
     */
    public static Tensor rotate(Tensor volumes, Tensor rotations, Interpolation mode) {
        Tensor inverseSwapped = torch.flip(rotations.transpose(1, 2), 1, 2);
        Tensor zeros = torch.zeros_like(inverseSwapped.narrow(2, 0, 1));
        Tensor theta = torch.cat(new org.bytedeco.pytorch.TensorVector(inverseSwapped, zeros), 2)
                .to(volumes.device(), inverseSwapped.scalar_type());
        return sample(volumes, theta, mode);
    }

    /**
     * A float32 copy of the volumes; one volume expanded over the batch (stride 0, as when one inferred scene is
     * carried to many poses) is widened once and expanded again, so the sampler keeps reading one cached volume.
     */
    private static Tensor widened(Tensor volumes) {
        if (volumes.size(0) > 1 && volumes.stride(0) == 0) {
            return volumes.narrow(0, 0, 1).to(torch.ScalarType.Float).expand(volumes.shape(), false);
        }
        return volumes.to(torch.ScalarType.Float);
    }

    /**
     * Resamples in float32 (or float64) whatever the volumes' type: a bfloat16 sampling grid would place samples
     * only to within about 0.06 voxel at the volume's faces (8 bits of mantissa); with it, bf16 training trailed fp32.
     * A training step costs the same either way (BENCHMARKS.md). The result has the volumes' type. With
     * {@code --kernels native} on CUDA, enr4j's fused resampler does the same in one pass, without float32 copies.
     *
     * @param volumes B x C x D x H x W, any floating type
     * @param theta   B x 3 x 4 inverse affine maps in grid order (width, height, depth), on the volumes' device
     */
    private static Tensor sample(Tensor volumes, Tensor theta, Interpolation mode) {
        if (!GRID_IN_COMPUTE_TYPE && volumes.is_cuda()) {
            var fused = Kernels.resampler(true);
            if (fused.isPresent() && FusedResample.supports(volumes, theta)) {
                return FusedResample.apply(fused.get(), volumes, theta, mode == Interpolation.NEAREST);
            }
        }
        torch.ScalarType type = volumes.scalar_type();
        boolean asIs = GRID_IN_COMPUTE_TYPE || type.value == torch.ScalarType.Float.value
                || type.value == torch.ScalarType.Double.value;
        if (asIs) {
            return gridSample(volumes, theta, mode);
        }
        return Intermediates.chain(volumes, VolumeResampler::widened, v -> gridSample(v, theta, mode), s -> s.to(type));
    }

    private static Tensor gridSample(Tensor volumes, Tensor theta, Interpolation mode) {
        Tensor grid = torch.affine_grid_generator(theta.to(volumes.scalar_type()), volumes.shape(), false);
        return torch.grid_sampler(volumes, grid, mode.gridSamplerCode(), 0, false);
    }
}
