package enr4j.geometry;

/**
 * How world units map onto the scene volume: the one definition shared by the dataset generator, the model's
 * transforms, training, evaluation and novel views (see docs/UNITS.md).
 *
 * <p>The volume's height and width axes are tied to the image's rows and columns, so the volume spans what the camera
 * sees in the plane through the object's centre: half-width {@code r tan(fov / 2)} for a camera at distance {@code r}
 * with field of view {@code fov}. That is the scene extent: a translation of {@code t} world units moves the content by
 * {@code t / extent} in the volume's normalised coordinates ([-1, 1] from face to face), and a point translated by
 * {@code t} in the camera's frame appears {@code t / extent} of the half-image away from the centre.
 */
public final class SceneUnits {
    private SceneUnits() {}

    /**
     * @param cameraRadius camera distance from the object's centre, world units
     * @param fovDegrees   full field of view of the square image
     * @return world units from the volume's centre to its face
     */
    public static double extent(double cameraRadius, double fovDegrees) {
        if (!(cameraRadius > 0) || !(fovDegrees > 0 && fovDegrees < 180)) {
            throw new IllegalArgumentException("invalid camera: radius " + cameraRadius + ", fov " + fovDegrees);
        }
        return cameraRadius * Math.tan(Math.toRadians(fovDegrees) / 2);
    }
}
