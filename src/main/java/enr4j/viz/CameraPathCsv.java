package enr4j.viz;

import enr4j.geometry.Vec3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a custom camera path: one {@link CameraShift} per line, either {@code azimuth,elevation} (degrees; the camera
 * turns) or {@code azimuth,elevation,tx,ty,tz} (plus a translation shift in world units, camera frame; the camera
 * moves). Blank lines, lines starting with {@code #} and a first line {@code azimuth,elevation} or
 * {@code azimuth,elevation,tx,ty,tz} (a header) are ignored; lines of both widths may be mixed.
 */
public final class CameraPathCsv {
    private static final String ANGLES = "azimuth,elevation";
    private static final String ANGLES_AND_TRANSLATION = "azimuth,elevation,tx,ty,tz";

    private CameraPathCsv() {
    }

    /**
     * @return the shifts in file order, at least one
     * @throws IllegalArgumentException naming the file and line of a malformed entry, or the file when it has none
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<CameraShift> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read camera path " + csv + ": " + e.getMessage(), e);
        }
        List<CameraShift> shifts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && isHeader(line))) {
                continue;
            }
            shifts.add(parseLine(line, csv + ":" + (i + 1)));
        }
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("camera path " + csv + " has no " + ANGLES + "[,tx,ty,tz] lines");
        }
        return List.copyOf(shifts);
    }

    private static boolean isHeader(String line) {
        String compact = line.replace(" ", "");
        return compact.equalsIgnoreCase(ANGLES) || compact.equalsIgnoreCase(ANGLES_AND_TRANSLATION);
    }

    private static CameraShift parseLine(String line, String where) {
        String[] fields = line.split(",", -1);
        if (fields.length != 2 && fields.length != 5) {
            throw new IllegalArgumentException(where + ": expected '" + ANGLES + "' or '" + ANGLES_AND_TRANSLATION
                    + "', got " + fields.length + " columns: '" + line + "'");
        }
        double[] v = new double[fields.length];
        for (int k = 0; k < fields.length; k++) {
            v[k] = number(fields[k].strip(), line, where);
        }
        Vec3 translation = fields.length == 5 ? new Vec3(v[2], v[3], v[4]) : Vec3.ZERO;
        return new CameraShift(v[0], v[1], translation);
    }

    private static double number(String field, String line, String where) {
        try {
            double value = Double.parseDouble(field);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": '" + field + "' is not a finite number in '" + line + "'");
    }
}
