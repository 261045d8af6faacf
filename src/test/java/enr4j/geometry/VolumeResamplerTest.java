package enr4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class VolumeResamplerTest {
    private static final int N = 16;

    /** A smooth volume: low-frequency functions of the voxel centre, one per channel. B x 2 x N x N x N. */
    private static Tensor smoothVolume() {
        float[] v = new float[2 * N * N * N];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    for (int k = 0; k < N; k++) {
                        double x = (2 * i + 1.0) / N - 1;
                        double y = (2 * j + 1.0) / N - 1;
                        double z = (2 * k + 1.0) / N - 1;
                        v[((c * N + i) * N + j) * N + k] = (float) (c == 0 ? Math.exp(-0.8 * ((x - 0.2) * (x - 0.2)
                                + y * y + (z + 0.1) * (z + 0.1))) : 0.5 + 0.3 * x - 0.2 * y + 0.1 * z);
                    }
                }
            }
        }
        return Tensors.fromFloats(v, 1, 2, N, N, N);
    }

    private static Tensor randomVolume() {
        torch.manual_seed(7);
        return torch.rand(1, 3, N, N, N);
    }

    /** Mask of voxels whose centre lies within {@code fraction} of the inscribed sphere's radius. */
    private static Tensor ball(double fraction) {
        float[] m = new float[N * N * N];
        double c = (N - 1) / 2.0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int k = 0; k < N; k++) {
                    double d2 = (i - c) * (i - c) + (j - c) * (j - c) + (k - c) * (k - c);
                    m[(i * N + j) * N + k] = d2 <= fraction * fraction * c * c ? 1f : 0f;
                }
            }
        }
        return Tensors.fromFloats(m, 1, 1, N, N, N);
    }

    @Test
    void identityReturnsTheInput() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = randomVolume();
            Tensor out = VolumeResampler.transform(v, List.of(RigidTransform.identity()), 1, Interpolation.BILINEAR);
            assertTrue(Tensors.maxAbsDiff(out, v) < 1e-5);
            Tensor out2 = VolumeResampler.rotate(v, torch.eye(3).unsqueeze(0), Interpolation.BILINEAR);
            assertTrue(Tensors.maxAbsDiff(out2, v) < 1e-5);
        }
    }

    @Test
    void azimuthQuarterTurnIsAnExactVoxelPermutation() {
        // R = sourceToTarget(0,0 -> 90,0) = Ry(90): content at (x, y, z) moves to (z, y, -x). With voxel indices
        // (i, j, k) on (x, y, z): out[k, j, N-1-i] = in[i, j, k], i.e. out = flip(transpose(in, D, W), W).
        try (PointerScope s = new PointerScope()) {
            Tensor v = randomVolume();
            Mat3 r = Rotations.sourceToTarget(0, 0, 90, 0);
            Tensor expected = torch.flip(v.transpose(2, 4), 4);
            for (Interpolation mode : Interpolation.values()) {
                Tensor out = VolumeResampler.transform(v, List.of(RigidTransform.rotation(r)), 1, mode);
                assertTrue(Tensors.maxAbsDiff(out, expected) < 1e-4, mode + " differs from the permutation");
            }
            Tensor viaTensor = VolumeResampler.rotate(v, Tensors.fromFloats(toFloats(r), 1, 3, 3), Interpolation.BILINEAR);
            assertTrue(Tensors.maxAbsDiff(viaTensor, expected) < 1e-4);
        }
    }

    @Test
    void elevationQuarterTurnIsAnExactVoxelPermutation() {
        // R = scene(0, 90) = Rz(90): (x, y, z) -> (-y, x, z): out[N-1-j, i, k] = in[i, j, k]
        try (PointerScope s = new PointerScope()) {
            Tensor v = randomVolume();
            Mat3 r = Rotations.sourceToTarget(0, 0, 0, 90);
            Tensor expected = torch.flip(v.transpose(2, 3), 2);
            Tensor out = VolumeResampler.transform(v, List.of(RigidTransform.rotation(r)), 1, Interpolation.NEAREST);
            assertTrue(Tensors.maxAbsDiff(out, expected) < 1e-4);
        }
    }

    @Test
    void bfloat16VolumesAreSampledOnAFloat32Grid() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = randomVolume().to(torch.ScalarType.BFloat16);
            List<RigidTransform> t = List.of(RigidTransform.translation(new Vec3(0.013, -0.021, 0.0071))
                    .after(SceneTransforms.sourceToTarget(new CameraPose(20, 15), new CameraPose(-37, 41))));
            Tensor low = VolumeResampler.transform(v, t, 1.3, Interpolation.BILINEAR);
            assertEquals(torch.ScalarType.BFloat16.value, low.scalar_type().value);
            Tensor wide = VolumeResampler.transform(v.to(torch.ScalarType.Float), t, 1.3, Interpolation.BILINEAR);
            // the same samples as in float32, rounded once to bfloat16 at the end
            assertEquals(0.0, Tensors.maxAbsDiff(low, wide.to(torch.ScalarType.BFloat16)));
            // a bfloat16 grid would have moved samples by up to ~0.06 voxel: visibly different values
            Tensor coarse = torch.grid_sampler(v, torch.affine_grid_generator(
                    VolumeResampler.inverseMaps(t, 1.3).to(torch.ScalarType.BFloat16), v.shape(), false), 0, 0, false);
            assertTrue(Tensors.maxAbsDiff(coarse, wide) > 1e-2, "bf16 grid should differ");
        }
    }

    @Test
    void oneVolumeExpandedOverTheBatchSamplesLikeItsCopies() {
        try (PointerScope s = new PointerScope()) {
            Tensor one = randomVolume().to(torch.ScalarType.BFloat16);
            Tensor expanded = one.expand(new long[] {3, 3, N, N, N}, false);
            Tensor copies = expanded.contiguous();
            List<RigidTransform> t = List.of(SceneTransforms.sourceToTarget(new CameraPose(0, 0), new CameraPose(30, 10)),
                    SceneTransforms.sourceToTarget(new CameraPose(0, 0), new CameraPose(-90, 45)),
                    RigidTransform.translation(new Vec3(0.1, 0, -0.05)));
            Tensor a = VolumeResampler.transform(expanded, t, 1.3, Interpolation.BILINEAR);
            Tensor b = VolumeResampler.transform(copies, t, 1.3, Interpolation.BILINEAR);
            assertEquals(0.0, Tensors.maxAbsDiff(a, b));
            assertTrue(Tensors.maxAbsDiff(a.narrow(0, 0, 1), a.narrow(0, 1, 1)) > 0.05, "poses differ, so do samples");
        }
    }

    @Test
    void thereAndBackIsCloseToIdentityAwayFromTheEdge() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = smoothVolume();
            CameraPose a = new CameraPose(20, 15);
            CameraPose b = new CameraPose(-65, 40);
            Tensor there = VolumeResampler.transform(v, List.of(SceneTransforms.sourceToTarget(a, b)), 1,
                    Interpolation.BILINEAR);
            Tensor back = VolumeResampler.transform(there, List.of(SceneTransforms.sourceToTarget(b, a)), 1,
                    Interpolation.BILINEAR);
            Tensor inner = ball(0.7);
            double err = back.sub(v).mul(inner).abs().max().item_double();
            assertTrue(err < 0.05, "round trip error " + err);
            double moved = there.sub(v).mul(inner).abs().max().item_double();
            assertTrue(moved > 0.1, "the intermediate volume must differ from the input");
        }
    }

    @Test
    void translationByOneVoxelIsAnExactShift() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = randomVolume();
            double voxel = 2.0 / N; // normalised width of one voxel, scene extent 1
            Tensor out = VolumeResampler.transform(v, List.of(RigidTransform.translation(new Vec3(0, 0, voxel))), 1,
                    Interpolation.BILINEAR);
            // content moves one voxel toward +z (the W axis): out[..., k] = in[..., k-1], zero at k = 0
            Tensor expectedInner = v.narrow(4, 0, N - 1);
            assertTrue(Tensors.maxAbsDiff(out.narrow(4, 1, N - 1), expectedInner) < 1e-5);
            assertEquals(0.0, out.narrow(4, 0, 1).abs().max().item_double(), 1e-6);
            // along x (the depth axis D), with a scene extent of 2 world units
            Tensor outX = VolumeResampler.transform(v, List.of(RigidTransform.translation(new Vec3(-2 * voxel, 0, 0))),
                    2, Interpolation.BILINEAR);
            assertTrue(Tensors.maxAbsDiff(outX.narrow(2, 0, N - 1), v.narrow(2, 1, N - 1)) < 1e-5);
        }
    }

    @Test
    void translationThenItsOppositeIsIdentityInside() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = smoothVolume();
            Vec3 t = new Vec3(0.13, -0.07, 0.21);
            Tensor moved = VolumeResampler.transform(v, List.of(RigidTransform.translation(t)), 1, Interpolation.BILINEAR);
            Tensor back = VolumeResampler.transform(moved, List.of(RigidTransform.translation(t.times(-1))), 1,
                    Interpolation.BILINEAR);
            double err = back.sub(v).mul(ball(0.6)).abs().max().item_double();
            assertTrue(err < 0.03, "round trip error " + err);
        }
    }

    @Test
    void rotationThenTranslationComposesAsTheMatricesSay() {
        try (PointerScope s = new PointerScope()) {
            Tensor v = smoothVolume();
            RigidTransform rot = RigidTransform.rotation(Rotations.aboutY(90));
            RigidTransform shift = RigidTransform.translation(new Vec3(2.0 / N, 0, 0));
            Tensor stepwise = VolumeResampler.transform(
                    VolumeResampler.transform(v, List.of(rot), 1, Interpolation.NEAREST), List.of(shift), 1,
                    Interpolation.NEAREST);
            Tensor once = VolumeResampler.transform(v, List.of(shift.after(rot)), 1, Interpolation.NEAREST);
            Tensor inner = ball(0.8);
            assertTrue(stepwise.sub(once).mul(inner).abs().max().item_double() < 1e-5);
            Tensor otherOrder = VolumeResampler.transform(v, List.of(rot.after(shift)), 1, Interpolation.NEAREST);
            assertTrue(otherOrder.sub(once).mul(inner).abs().max().item_double() > 1e-3,
                    "the order of rotation and translation matters");
        }
    }

    private static float[] toFloats(Mat3 m) {
        float[] f = new float[9];
        for (int i = 0; i < 9; i++) {
            f[i] = (float) m.m()[i];
        }
        return f;
    }

    @Test
    void mapsForAnotherBatchSizeAreRefusedInOneLine() {
        try (org.bytedeco.javacpp.PointerScope s = new org.bytedeco.javacpp.PointerScope()) {
            var volumes = org.bytedeco.pytorch.global.torch.rand(2, 1, 4, 4, 4);
            var maps = org.bytedeco.pytorch.global.torch.zeros(3, 3, 4);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> VolumeResampler.transformByMaps(volumes, maps, Interpolation.BILINEAR));
            org.junit.jupiter.api.Assertions.assertEquals("got 3 transforms for a batch of 2", e.getMessage());
        }
    }
}
