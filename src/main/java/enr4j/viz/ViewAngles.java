package enr4j.viz;

/**
 * A camera direction in degrees, or a shift between two directions.
 *
 * @param azimuth   rotation about the vertical axis, degrees
 * @param elevation angle above the horizontal plane, degrees
 */
public record ViewAngles(double azimuth, double elevation) {

    /** The source view itself: no shift. */
    public static final ViewAngles ZERO = new ViewAngles(0, 0);

    public ViewAngles {
        if (!Double.isFinite(azimuth) || !Double.isFinite(elevation)) {
            throw new IllegalArgumentException("angles must be finite, got azimuth " + azimuth + ", elevation " + elevation);
        }
    }

    /** The angles reached by applying {@code shift} to these angles. */
    public ViewAngles plus(ViewAngles shift) {
        return new ViewAngles(azimuth + shift.azimuth, elevation + shift.elevation);
    }
}
