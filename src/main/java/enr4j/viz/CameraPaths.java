package enr4j.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera paths for novel-view animations. Every path is a list of {@link ViewAngles} <em>shifts</em> relative to the
 * source view, as in the reference's {@code misc/viz.py}; apply them to the source angles with {@link #relativeTo}.
 */
public final class CameraPaths {

    private CameraPaths() {
    }

    /** A full azimuth turn in {@code steps} views (see {@link AngleSequences#fullRotation}) at a fixed elevation shift. */
    public static List<ViewAngles> orbit(int steps, double elevationShift) {
        return zip(AngleSequences.fullRotation(steps), AngleSequences.constant(steps, elevationShift));
    }

    /**
     * A full azimuth turn while the elevation shift makes one sinusoidal period between {@code minElevationShift} and
     * {@code maxElevationShift} (see {@link AngleSequences#sinusoidal}).
     */
    public static List<ViewAngles> spiral(int steps, double minElevationShift, double maxElevationShift) {
        return zip(AngleSequences.fullRotation(steps),
                AngleSequences.sinusoidal(steps, minElevationShift, maxElevationShift));
    }

    /**
     * An elevation sweep at the source azimuth: from {@code startShift} to {@code endShift} and back, easing as sine
     * squared (see {@link AngleSequences#sineSquared}).
     */
    public static List<ViewAngles> elevation(int steps, double startShift, double endShift) {
        return zip(AngleSequences.constant(steps, 0), AngleSequences.sineSquared(steps, startShift, endShift));
    }

    /** A user-given path; the list is copied. */
    public static List<ViewAngles> custom(List<ViewAngles> shifts) {
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("a custom camera path needs at least one view");
        }
        return List.copyOf(shifts);
    }

    /**
     * Reads a custom path from a CSV file with one {@code azimuth,elevation} shift (degrees) per line. Blank lines,
     * lines starting with {@code #} and a first line {@code azimuth,elevation} are ignored.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     */
    public static List<ViewAngles> fromCsv(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read camera path " + csv + ": " + e.getMessage(), e);
        }
        List<ViewAngles> shifts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.replace(" ", "").equalsIgnoreCase("azimuth,elevation"))) {
                continue;
            }
            shifts.add(parseCsvLine(line, csv, i + 1));
        }
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("camera path " + csv + " has no azimuth,elevation lines");
        }
        return List.copyOf(shifts);
    }

    /** Adds each shift to the source view's angles, giving absolute camera angles. */
    public static List<ViewAngles> relativeTo(ViewAngles source, List<ViewAngles> shifts) {
        return shifts.stream().map(source::plus).toList();
    }

    private static ViewAngles parseCsvLine(String line, Path csv, int lineNumber) {
        String[] fields = line.split(",");
        if (fields.length != 2) {
            throw new IllegalArgumentException(csv + ":" + lineNumber + ": expected 'azimuth,elevation', got '" + line + "'");
        }
        try {
            return new ViewAngles(Double.parseDouble(fields[0].strip()), Double.parseDouble(fields[1].strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(csv + ":" + lineNumber + ": not two finite numbers of degrees: '" + line + "'", e);
        }
    }

    private static List<ViewAngles> zip(double[] azimuths, double[] elevations) {
        List<ViewAngles> path = new ArrayList<>(azimuths.length);
        for (int i = 0; i < azimuths.length; i++) {
            path.add(new ViewAngles(azimuths[i], elevations[i]));
        }
        return List.copyOf(path);
    }
}
