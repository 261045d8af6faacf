package enr4j.geometry;

/**
 * Where a view was taken from: the camera's azimuth and elevation in degrees, and the object's
 * translation in the camera's frame (world units, {@link Vec3#ZERO} for rotation-only datasets).
 * The one pose type from {@code render_params.json} to the resampler.
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

    /**
     * @return this pose with every component rounded to float32: the precision of a training batch, so that the
     *         transforms built from dataset poses stay bitwise what they have always been
     */
    public CameraPose atFloatPrecision() {
        return new CameraPose((float) azimuth, (float) elevation, translation.atFloatPrecision());
    }
}
