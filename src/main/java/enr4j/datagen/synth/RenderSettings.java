package enr4j.datagen.synth;

/**
 * Rasteriser settings.
 *
 * @param size               output image side in pixels
 * @param supersampling      samples per pixel side (3 means 3 x 3 samples, box-filtered)
 * @param background         background colour or transparency
 * @param lightsFollowCamera true: the lights are fixed relative to the camera (same directions in the
 *                           camera-local frame for every view); false: fixed in the world frame, so shading
 *                           is a property of the scene and rotates with it
 * @param smoothShading      interpolate corner normals (true) or use face normals (false)
 */
public record RenderSettings(int size, int supersampling, Background background,
                             boolean lightsFollowCamera, boolean smoothShading) {

    /** Validates sizes. */
    public RenderSettings {
        if (size <= 0 || supersampling <= 0) {
            throw new IllegalArgumentException("invalid render size " + size + " or supersampling " + supersampling);
        }
    }

    /** Defaults: 3 x 3 supersampling, white background, world-fixed lights, smooth shading. */
    public static RenderSettings defaults(int size) {
        return new RenderSettings(size, 3, Background.WHITE, false, true);
    }
}
