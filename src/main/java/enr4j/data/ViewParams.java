package enr4j.data;

import java.util.Objects;

/**
 * Camera parameters of one image.
 *
 * @param azimuth     camera azimuth in degrees
 * @param elevation   camera elevation in degrees
 * @param translation object translation in the camera-local frame ({@link Translation#ZERO} if absent)
 */
public record ViewParams(double azimuth, double elevation, Translation translation) {

    /** Validates that the translation is not null. */
    public ViewParams {
        Objects.requireNonNull(translation, "translation");
    }

    /** Rotation-only view parameters (zero translation). */
    public ViewParams(double azimuth, double elevation) {
        this(azimuth, elevation, Translation.ZERO);
    }
}
