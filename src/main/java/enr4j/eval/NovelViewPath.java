package enr4j.eval;

import enr4j.viz.CameraPathCsv;
import enr4j.viz.CameraPaths;
import enr4j.viz.CameraShift;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The camera paths of {@code enr novel-views}, as shifts from the source view (degrees; translations in world units),
 * built with the reference's angle sequences ({@link CameraPaths}):
 * <ul>
 *   <li>{@code orbit}: a full azimuth turn at elevation shift {@code elevation} (default 0);</li>
 *   <li>{@code spiral}: a full azimuth turn while the elevation shift swings once between {@code -elevation} and
 *       {@code +elevation} (default 30);</li>
 *   <li>{@code elevation}: from the source elevation to shift {@code elevation} (default 45) and back;</li>
 *   <li>{@code drift}: an orbit at elevation shift {@code elevation} (default 0) while the camera moves: the object's
 *       translation shift circles once in the image plane with radius {@code translation} (default
 *       {@value #DEFAULT_DRIFT_TRANSLATION} world units), see {@link CameraPaths#drift};</li>
 *   <li>{@code custom}: the shifts of a CSV file ({@code azimuth,elevation} or {@code azimuth,elevation,tx,ty,tz} per
 *       line, see {@link CameraPathCsv}).</li>
 * </ul>
 * {@code azimuth} (default 0) is added to every frame's azimuth shift, e.g. to start an orbit elsewhere.
 */
public enum NovelViewPath {
    ORBIT(0), SPIRAL(30), ELEVATION(45), DRIFT(0), CUSTOM(0);

    /** Radius of the drift path's translation circle when the user gives none, world units. */
    public static final double DEFAULT_DRIFT_TRANSLATION = 0.25;

    private final double defaultElevation;

    NovelViewPath(double defaultElevation) {
        this.defaultElevation = defaultElevation;
    }

    /** The elevation parameter used when the user gives none. */
    public double defaultElevation() {
        return defaultElevation;
    }

    /** @throws IllegalArgumentException naming the value and the choices */
    public static NovelViewPath parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown path '" + name
                    + "' (expected orbit, spiral, elevation, drift or custom)");
        }
    }

    /**
     * @param frames      number of frames (ignored by custom)
     * @param azimuth     azimuth shift added to every frame
     * @param elevation   the path's elevation parameter, or null for {@link #defaultElevation()}
     * @param translation the drift path's radius in world units, or null for {@value #DEFAULT_DRIFT_TRANSLATION}
     *                    (ignored by the other paths)
     * @param csv         the custom path's file (required for custom, ignored otherwise)
     * @return the shifts, one per frame
     */
    public List<CameraShift> shifts(int frames, double azimuth, Double elevation, Double translation, Path csv) {
        if (this != CUSTOM && frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        }
        double e = elevation == null ? defaultElevation : elevation;
        List<CameraShift> base = switch (this) {
            case ORBIT -> CameraPaths.orbit(frames, e);
            case SPIRAL -> CameraPaths.spiral(frames, -Math.abs(e), Math.abs(e));
            case ELEVATION -> CameraPaths.elevation(frames, 0, e);
            case DRIFT -> CameraPaths.drift(frames, e, driftRadius(translation));
            case CUSTOM -> {
                if (csv == null) {
                    throw new IllegalArgumentException("--path custom needs --angles FILE.csv");
                }
                yield CameraPathCsv.read(csv);
            }
        };
        if (base.isEmpty()) {
            throw new IllegalArgumentException("the " + name().toLowerCase(Locale.ROOT) + " path has no frames");
        }
        CameraShift offset = new CameraShift(azimuth, 0);
        return base.stream().map(shift -> shift.plus(offset)).toList();
    }

    private static double driftRadius(Double translation) {
        double radius = translation == null ? DEFAULT_DRIFT_TRANSLATION : translation;
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("--translation must be a finite distance >= 0 (world units), got "
                    + translation);
        }
        return radius;
    }
}
