package enr4j.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * Zeroes every voxel whose centre lies farther than (D-1)/2 from the cube's centre. Buffer
 * {@code mask}: C x D x D x D, ones inside the sphere.
 */
public final class SphericalMask extends Module {
    private final Tensor mask;
    private final long nonZero;

    public SphericalMask(FeatureShape scene) {
        super("SphericalMask");
        int[] s = scene.spatial();
        if (s.length != 3 || s[0] != s[1] || s[1] != s[2]) {
            throw new ConfigException("the scene must be a cube, got " + scene);
        }
        int d = s[0];
        double centre = (d - 1) / 2.0;
        double r2 = centre * centre;
        float[] one = new float[d * d * d];
        long inside = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    double dist2 = (centre - i) * (centre - i) + (centre - j) * (centre - j) + (centre - k) * (centre - k);
                    if (dist2 <= r2) {
                        one[(i * d + j) * d + k] = 1f;
                        inside++;
                    }
                }
            }
        }
        this.nonZero = inside * scene.channels();
        Tensor single = Tensor.create(one, 1, d, d, d);
        this.mask = Parameters.registerBuffer(this, "mask", single.expand(new long[] {scene.channels(), d, d, d}, false).contiguous());
    }

    /** Voxels kept over all channels: the reference's "scene size". */
    public long nonZeroEntries() {
        return nonZero;
    }

    /** The current mask buffer (C x D x D x D), on the model's device. */
    public Tensor mask() {
        return mask;
    }

    /**
     * @param scenes B x C x D x D x D
     * @return B x C x D x D x D with voxels outside the sphere set to zero
     */
    public Tensor apply(Tensor scenes) {
        boolean sameType = scenes.scalar_type().value == mask.scalar_type().value;
        return scenes.mul(sameType ? mask : mask.to(scenes.scalar_type()));
    }
}
