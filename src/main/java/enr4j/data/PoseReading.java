package enr4j.data;

/**
 * How the camera parameters of {@code render_params.json} are read.
 *
 * @param anglesInRadians    the file stores radians (datasets written by the original translations pipeline); they are
 *                           converted to degrees on read. Never guessed: the reference format is degrees.
 * @param ignoreTranslations read every view as translation zero: the rotation-only baseline of a
 *                           roto-translation dataset (what the reference model sees of such data)
 */
public record PoseReading(boolean anglesInRadians, boolean ignoreTranslations) {

    /** The reference format: degrees, translations used. */
    public static final PoseReading DEFAULT = new PoseReading(false, false);

    /** @return {@code view} as this reading sees it */
    public ViewParams apply(ViewParams view) {
        return ignoreTranslations ? new ViewParams(view.azimuth(), view.elevation()) : view;
    }
}
