package enr4j.geometry;

/**
 * A rigid motion of the scene, {@code p -> rotation p + translation}, i.e. the homogeneous matrix
 * {@code [[R, t], [0, 1]]}. Translations are in world units; {@link VolumeResampler} maps them to the
 * volume with the scene extent.
 */
public record RigidTransform(Mat3 rotation, Vec3 translation) {
    public static RigidTransform identity() {
        return new RigidTransform(Mat3.identity(), Vec3.ZERO);
    }

    public static RigidTransform rotation(Mat3 r) {
        return new RigidTransform(r, Vec3.ZERO);
    }

    public static RigidTransform translation(Vec3 t) {
        return new RigidTransform(Mat3.identity(), t);
    }

    /** @return the transform that applies {@code first}, then this. */
    public RigidTransform after(RigidTransform first) {
        return new RigidTransform(rotation.times(first.rotation), rotation.times(first.translation).plus(translation));
    }

    public RigidTransform inverse() {
        Mat3 rt = rotation.transpose();
        return new RigidTransform(rt, rt.times(translation).times(-1));
    }

    public Vec3 apply(Vec3 p) {
        return rotation.times(p).plus(translation);
    }

    /** @return the 4x4 homogeneous matrix, row-major (16 entries). */
    public double[] homogeneous() {
        double[] h = new double[16];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                h[4 * i + j] = rotation.get(i, j);
            }
            h[4 * i + 3] = translation.get(i);
        }
        h[15] = 1;
        return h;
    }
}
