package enr4j.eval;

import enr4j.viz.CameraPaths;
import enr4j.viz.ViewAngles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The camera paths of {@code enr novel-views}, as shifts from the source view (degrees), built with the reference's
 * angle sequences ({@link CameraPaths}):
 * <ul>
 *   <li>{@code orbit}: a full azimuth turn at elevation shift {@code elevation} (default 0);</li>
 *   <li>{@code spiral}: a full azimuth turn while the elevation shift swings once between {@code -elevation} and
 *       {@code +elevation} (default 30);</li>
 *   <li>{@code elevation}: from the source elevation to shift {@code elevation} (default 45) and back;</li>
 *   <li>{@code custom}: the shifts of a CSV file ({@code azimuth,elevation} per line).</li>
 * </ul>
 * {@code azimuth} (default 0) is added to every frame's azimuth shift, e.g. to start an orbit elsewhere.
 */
public enum NovelViewPath {
    ORBIT(0), SPIRAL(30), ELEVATION(45), CUSTOM(0);

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
            throw new IllegalArgumentException("unknown path '" + name + "' (expected orbit, spiral, elevation or custom)");
        }
    }

    /**
     * @param frames    number of frames (ignored by custom)
     * @param azimuth   azimuth shift added to every frame
     * @param elevation the path's elevation parameter, or null for {@link #defaultElevation()}
     * @param csv       the custom path's file (required for custom, ignored otherwise)
     * @return the shifts, one per frame
     */
    public List<ViewAngles> shifts(int frames, double azimuth, Double elevation, Path csv) {
        if (this != CUSTOM && frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        }
        double e = elevation == null ? defaultElevation : elevation;
        List<ViewAngles> base = switch (this) {
            case ORBIT -> CameraPaths.orbit(frames, e);
            case SPIRAL -> CameraPaths.spiral(frames, -Math.abs(e), Math.abs(e));
            case ELEVATION -> CameraPaths.elevation(frames, 0, e);
            case CUSTOM -> {
                if (csv == null) {
                    throw new IllegalArgumentException("--path custom needs --angles FILE.csv");
                }
                yield CameraPaths.fromCsv(csv);
            }
        };
        if (base.isEmpty()) {
            throw new IllegalArgumentException("the " + name().toLowerCase(Locale.ROOT) + " path has no frames");
        }
        List<ViewAngles> out = new ArrayList<>(base.size());
        for (ViewAngles a : base) {
            out.add(new ViewAngles(a.azimuth() + azimuth, a.elevation()));
        }
        return List.copyOf(out);
    }
}
