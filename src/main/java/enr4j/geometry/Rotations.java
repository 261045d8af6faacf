package enr4j.geometry;

/**
 * The reference's rotation conventions, angles in degrees.
 *
 * <p>Frame (the voxel frame of the scene tensor): x is the depth axis and points toward the camera
 * at azimuth = elevation = 0, y points down (image rows), z points right (image columns). Azimuth
 * is a negative rotation about y and elevation a negative rotation about z; the camera turns by
 * elevation first, then azimuth: {@code camera(az, el) = Ry(-az) Rz(-el)}. The scene seen by that
 * camera is turned the opposite way, {@code scene(az, el) = camera(az, el)^T}. Positive azimuth
 * moves the camera to the right, positive elevation moves it up.
 */
public final class Rotations {
    private Rotations() {}

    /** Rotation by {@code degrees} about the y axis: {@code [[c,0,s],[0,1,0],[-s,0,c]]}. */
    public static Mat3 aboutY(double degrees) {
        double a = Math.toRadians(degrees);
        double c = Math.cos(a);
        double s = Math.sin(a);
        return Mat3.of(c, 0, s, 0, 1, 0, -s, 0, c);
    }

    /** Rotation by {@code degrees} about the z axis: {@code [[c,-s,0],[s,c,0],[0,0,1]]}. */
    public static Mat3 aboutZ(double degrees) {
        double a = Math.toRadians(degrees);
        double c = Math.cos(a);
        double s = Math.sin(a);
        return Mat3.of(c, -s, 0, s, c, 0, 0, 0, 1);
    }

    /** Orientation of the camera at ({@code azimuth}, {@code elevation}): its columns are the camera's axes. */
    public static Mat3 camera(double azimuth, double elevation) {
        return aboutY(-azimuth).times(aboutZ(-elevation));
    }

    /** Rotation of the scene as seen from the camera at ({@code azimuth}, {@code elevation}). */
    public static Mat3 scene(double azimuth, double elevation) {
        return camera(azimuth, elevation).transpose();
    }

    /** Rotation that turns a scene seen from the source camera into the scene seen from the target camera. */
    public static Mat3 sourceToTarget(double azimuthSource, double elevationSource,
                                      double azimuthTarget, double elevationTarget) {
        return scene(azimuthTarget, elevationTarget).times(scene(azimuthSource, elevationSource).transpose());
    }
}
