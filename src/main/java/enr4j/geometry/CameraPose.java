package enr4j.geometry;

/**
 * Where a view was taken from: the camera's azimuth and elevation in degrees, and the object's
 * translation in the camera's frame (world units, {@link Vec3#ZERO} for rotation-only datasets).
 */
public record CameraPose(double azimuth, double elevation, Vec3 translation) {
    public CameraPose {
        if (!Double.isFinite(azimuth) || !Double.isFinite(elevation)) {
            throw new IllegalArgumentException("camera angles must be finite, got azimuth=" + azimuth
                    + ", elevation=" + elevation);
        }
        if (translation == null) {
            translation = Vec3.ZERO;
        }
    }

    public CameraPose(double azimuth, double elevation) {
        this(azimuth, elevation, Vec3.ZERO);
    }
}
