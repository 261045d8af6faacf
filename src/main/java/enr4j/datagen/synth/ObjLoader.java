package enr4j.datagen.synth;

import enr4j.geometry.Vec3;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wavefront OBJ loader: {@code v}, {@code vn}, {@code f} with {@code v}, {@code v/vt}, {@code v//vn},
 * {@code v/vt/vn} forms and negative (relative) indices, polygons fan-triangulated; {@code mtllib} and
 * {@code usemtl} with {@code Kd} (diffuse), {@code Ks} (specular strength = mean of its components) and
 * {@code Ns} (shininess). Other statements ({@code vt}, {@code o}, {@code g}, {@code s}, {@code l}, ...) are
 * ignored. A missing material library or unknown material name falls back to {@link Material#DEFAULT}.
 *
 * <p>The OBJ is taken as y-up with its front towards +z and converted to the world frame like
 * {@link MeshBuilder} does; the result is centred and fitted into the unit sphere. Faces with normals on
 * every corner use them (smooth); others get their face normal.
 */
public final class ObjLoader {

    private ObjLoader() {
    }

    /**
     * Loads and fits an OBJ file.
     *
     * @throws DatasetException "file:line: problem" on malformed input, or naming the file when unreadable
     */
    public static Mesh load(Path file) {
        List<String> lines = readLines(file);
        List<double[]> vertices = new ArrayList<>();
        List<double[]> normals = new ArrayList<>();
        Map<String, Material> library = new HashMap<>();
        MeshBuilder builder = new MeshBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            Location at = new Location(file, i + 1);
            switch (tokens[0]) {
                case "v" -> vertices.add(numbers(tokens, 3, 4, at));
                case "vn" -> normals.add(numbers(tokens, 3, 3, at));
                case "f" -> face(tokens, vertices, normals, builder, at);
                case "mtllib" -> {
                    requireArgument(tokens, at);
                    for (int k = 1; k < tokens.length; k++) {
                        Path mtl = file.resolveSibling(tokens[k]);
                        if (Files.isRegularFile(mtl)) {
                            library.putAll(readMaterials(mtl));
                        }
                    }
                }
                case "usemtl" -> {
                    requireArgument(tokens, at);
                    builder.material(library.getOrDefault(tokens[1], Material.DEFAULT));
                }
                default -> {
                    // vt, o, g, s, l, vp and vendor statements carry nothing we render
                }
            }
        }
        if (builder.triangleCount() == 0) {
            throw new DatasetException(file + ": no faces");
        }
        return builder.build().fittedToSphere(1.0);
    }

    /**
     * Reads a material library.
     *
     * @return materials by name
     * @throws DatasetException "file:line: problem" on malformed input
     */
    public static Map<String, Material> readMaterials(Path file) {
        Map<String, Material> result = new HashMap<>();
        String name = null;
        double[] kd = {0.7, 0.7, 0.7};
        double ks = 0.2;
        double ns = 16;
        List<String> lines = readLines(file);
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? stripComment(lines.get(i)) : "newmtl";
            if (line.isEmpty()) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            Location at = new Location(file, i + 1);
            switch (tokens[0]) {
                case "newmtl" -> {
                    if (name != null) {
                        result.put(name, new Material((float) kd[0], (float) kd[1], (float) kd[2], (float) ks, (float) ns));
                    }
                    if (i < lines.size()) {
                        requireArgument(tokens, at);
                    }
                    name = tokens.length > 1 ? tokens[1] : null;
                    kd = new double[] {0.7, 0.7, 0.7};
                    ks = 0.2;
                    ns = 16;
                }
                case "Kd" -> kd = clamp(numbers(tokens, 3, 3, at));
                case "Ks" -> {
                    double[] s = clamp(numbers(tokens, 3, 3, at));
                    ks = (s[0] + s[1] + s[2]) / 3;
                }
                case "Ns" -> ns = Math.max(1, numbers(tokens, 1, 1, at)[0]);
                default -> {
                    // Ka, d, illum, maps: not used
                }
            }
        }
        return result;
    }

    private record Location(Path file, int line) {
        DatasetException error(String message) {
            return new DatasetException(file + ":" + line + ": " + message);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).trim();
    }

    private static void requireArgument(String[] tokens, Location at) {
        if (tokens.length < 2) {
            throw at.error("'" + tokens[0] + "' needs an argument");
        }
    }

    private static double[] clamp(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, Math.min(1, v[i]));
        }
        return v;
    }

    private static double[] numbers(String[] tokens, int min, int max, Location at) {
        int count = tokens.length - 1;
        if (count < min || count > max) {
            throw at.error("'" + tokens[0] + "' expects " + (min == max ? min : min + " to " + max)
                    + " numbers, got " + count);
        }
        double[] out = new double[min];
        for (int k = 0; k < min; k++) {
            try {
                out[k] = Double.parseDouble(tokens[k + 1]);
            } catch (NumberFormatException e) {
                throw at.error("'" + tokens[0] + "' has a non-numeric value '" + tokens[k + 1] + "'");
            }
            if (!Double.isFinite(out[k])) {
                throw at.error("'" + tokens[0] + "' has a non-finite value '" + tokens[k + 1] + "'");
            }
        }
        return out;
    }

    private static void face(String[] tokens, List<double[]> vertices, List<double[]> normals,
                             MeshBuilder builder, Location at) {
        int corners = tokens.length - 1;
        if (corners < 3) {
            throw at.error("face needs at least 3 vertices, got " + corners);
        }
        Vec3[] p = new Vec3[corners];
        Vec3[] n = new Vec3[corners];
        boolean allNormals = true;
        for (int k = 0; k < corners; k++) {
            String[] parts = tokens[k + 1].split("/", -1);
            if (parts.length > 3 || parts[0].isEmpty()) {
                throw at.error("malformed face vertex '" + tokens[k + 1] + "'");
            }
            double[] v = vertices.get(resolve(parts[0], vertices.size(), "vertex", tokens[k + 1], at));
            p[k] = new Vec3(v[0], v[1], v[2]);
            if (parts.length == 3 && !parts[2].isEmpty()) {
                double[] vn = normals.get(resolve(parts[2], normals.size(), "normal", tokens[k + 1], at));
                n[k] = new Vec3(vn[0], vn[1], vn[2]);
            } else {
                allNormals = false;
            }
            if (parts.length >= 2 && !parts[1].isEmpty()) {
                parseIndex(parts[1], tokens[k + 1], at); // texture index: validated, unused
            }
        }
        for (int k = 1; k + 1 < corners; k++) {
            if (allNormals) {
                builder.triangle(p[0], p[k], p[k + 1], n[0], n[k], n[k + 1]);
            } else {
                builder.triangle(p[0], p[k], p[k + 1]);
            }
        }
    }

    private static int parseIndex(String text, String token, Location at) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw at.error("malformed face vertex '" + token + "'");
        }
    }

    private static int resolve(String text, int count, String kind, String token, Location at) {
        int index = parseIndex(text, token, at);
        int resolved = index > 0 ? index - 1 : count + index;
        if (index == 0 || resolved < 0 || resolved >= count) {
            throw at.error(kind + " index " + index + " in '" + token + "' out of range (" + count + " defined)");
        }
        return resolved;
    }
}
