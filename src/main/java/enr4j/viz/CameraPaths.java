package enr4j.viz;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera paths for novel-view animations. Every path is a list of {@link CameraShift}s relative to the source view, as
 * in the reference's {@code misc/viz.py}; apply them to the source pose with {@link #relativeTo}. Custom paths are
 * read by {@link CameraPathCsv}.
 */
public final class CameraPaths {

    private CameraPaths() {
    }

    /** A full azimuth turn in {@code steps} views (see {@link AngleSequences#fullRotation}) at a fixed elevation shift. */
    public static List<CameraShift> orbit(int steps, double elevationShift) {
        return zip(AngleSequences.fullRotation(steps), AngleSequences.constant(steps, elevationShift));
    }

    /**
     * A full azimuth turn while the elevation shift makes one sinusoidal period between {@code minElevationShift} and
     * {@code maxElevationShift} (see {@link AngleSequences#sinusoidal}).
     */
    public static List<CameraShift> spiral(int steps, double minElevationShift, double maxElevationShift) {
        return zip(AngleSequences.fullRotation(steps),
                AngleSequences.sinusoidal(steps, minElevationShift, maxElevationShift));
    }

    /**
     * An elevation sweep at the source azimuth: from {@code startShift} to {@code endShift} and back, easing as sine
     * squared (see {@link AngleSequences#sineSquared}).
     */
    public static List<CameraShift> elevation(int steps, double startShift, double endShift) {
        return zip(AngleSequences.constant(steps, 0), AngleSequences.sineSquared(steps, startShift, endShift));
    }

    /**
     * An {@link #orbit} during which the camera also moves: at azimuth shift a the translation shift is
     * {@code (0, A sin a, A cos a)}, so the object circles once in the image plane (y down, z right) at distance
     * {@code amplitude} from where the source view shows it.
     *
     * @param amplitude radius of the circle, world units (0 gives the plain orbit)
     */
    public static List<CameraShift> drift(int steps, double elevationShift, double amplitude) {
        List<CameraShift> path = new ArrayList<>(steps);
        for (CameraShift turn : orbit(steps, elevationShift)) {
            double a = Math.toRadians(turn.azimuth());
            path.add(turn.plus(new CameraShift(0, 0, new Vec3(0, amplitude * Math.sin(a), amplitude * Math.cos(a)))));
        }
        return List.copyOf(path);
    }

    /** A user-given path; the list is copied. */
    public static List<CameraShift> custom(List<CameraShift> shifts) {
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("a custom camera path needs at least one view");
        }
        return List.copyOf(shifts);
    }

    /** Applies each shift to the source pose (see {@link CameraShift#applyTo}), giving absolute camera poses. */
    public static List<CameraPose> relativeTo(CameraPose source, List<CameraShift> shifts) {
        return shifts.stream().map(shift -> shift.applyTo(source)).toList();
    }

    private static List<CameraShift> zip(double[] azimuths, double[] elevations) {
        List<CameraShift> path = new ArrayList<>(azimuths.length);
        for (int i = 0; i < azimuths.length; i++) {
            path.add(new CameraShift(azimuths[i], elevations[i]));
        }
        return List.copyOf(path);
    }
}
