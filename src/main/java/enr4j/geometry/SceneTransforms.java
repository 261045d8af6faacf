package enr4j.geometry;

/**
 * The transform that carries a scene inferred from one view into the frame of another.
 *
 * <p>With camera-frame coordinates {@code q = scene(az, el) p + t} for world point {@code p}, the
 * source frame maps to the target frame by {@code q_t = R (q_s - t_s) + t_t} with
 * {@code R = scene_t scene_s^T}: a rotation about the volume centre, then a translation.
 */
public final class SceneTransforms {
    private SceneTransforms() {}

    public static RigidTransform sourceToTarget(CameraPose source, CameraPose target) {
        Mat3 r = Rotations.sourceToTarget(source.azimuth(), source.elevation(), target.azimuth(), target.elevation());
        Vec3 t = target.translation().minus(r.times(source.translation()));
        return new RigidTransform(r, t);
    }
}
