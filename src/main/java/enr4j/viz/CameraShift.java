package enr4j.viz;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;

/**
 * One step of a camera path: how the camera moves away from the source view. The angles turn it, the translation
 * shift moves the object in the camera's frame (world units; x toward the camera, y down, z right, see
 * docs/UNITS.md), so a non-zero {@code translation} makes the camera move, not only turn.
 *
 * @param azimuth     azimuth shift, degrees
 * @param elevation   elevation shift, degrees
 * @param translation added to the source view's translation, world units; {@code null} means {@link Vec3#ZERO}
 */
public record CameraShift(double azimuth, double elevation, Vec3 translation) {

    /** The source view itself: no turn, no move. */
    public static final CameraShift ZERO = new CameraShift(0, 0);

    public CameraShift {
        if (translation == null) {
            translation = Vec3.ZERO;
        }
        if (!Double.isFinite(azimuth) || !Double.isFinite(elevation) || !Double.isFinite(translation.x())
                || !Double.isFinite(translation.y()) || !Double.isFinite(translation.z())) {
            throw new IllegalArgumentException("camera shift must be finite, got azimuth " + azimuth + ", elevation "
                    + elevation + ", translation " + translation);
        }
    }

    /** A rotation-only shift: the camera turns but does not move. */
    public CameraShift(double azimuth, double elevation) {
        this(azimuth, elevation, Vec3.ZERO);
    }

    /** Both shifts applied one after the other: angles and translations add. */
    public CameraShift plus(CameraShift other) {
        return new CameraShift(azimuth + other.azimuth, elevation + other.elevation,
                translation.plus(other.translation));
    }

    /** The pose reached from {@code source}: its angles plus the angle shifts, its translation plus the translation shift. */
    public CameraPose applyTo(CameraPose source) {
        return new CameraPose(source.azimuth() + azimuth, source.elevation() + elevation,
                source.translation().plus(translation));
    }
}
