package enr4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import enr4j.io.Json;
import enr4j.io.JsonFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code render_params.json}: a JSON object mapping the five-digit image index
 * ("00000", "00001", ...) to {@code {"azimuth": deg, "elevation": deg, "translation": [x, y, z]}}.
 * Extra keys are ignored on read; {@code "translation"} is optional (zero when missing). Translations are
 * float32 values: read and written at that precision.
 */
public final class RenderParamsFile {

    /** File name inside every scene folder. */
    public static final String FILE_NAME = "render_params.json";

    private RenderParamsFile() {
    }

    /** @return the five-digit index string of image {@code index}, e.g. 7 gives "00007" */
    public static String indexKey(int index) {
        return String.format("%05d", index);
    }

    /**
     * Reads a render_params.json file.
     *
     * @param file            the JSON file
     * @param anglesInRadians true when the file stores radians; values are converted to degrees
     * @return poses keyed by index string, sorted by key
     * @throws DatasetException naming the file, index and key on malformed content
     */
    public static Map<String, CameraPose> read(Path file, boolean anglesInRadians) {
        JsonNode root;
        try {
            root = Json.read(file);
        } catch (JsonFileException e) {
            throw new DatasetException(e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new DatasetException(file + ": expected a JSON object mapping image index to parameters");
        }
        Map<String, CameraPose> result = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String index = entry.getKey();
            JsonNode params = entry.getValue();
            if (!params.isObject()) {
                throw new DatasetException(file + ": index " + index + ": expected an object, got " + params);
            }
            double azimuth = angle(file, index, params, "azimuth", anglesInRadians);
            double elevation = angle(file, index, params, "elevation", anglesInRadians);
            result.put(index, new CameraPose(azimuth, elevation, translation(file, index, params)));
        }
        return result;
    }

    private static double angle(Path file, String index, JsonNode params, String key, boolean radians) {
        JsonNode node = params.get(key);
        if (node == null) {
            throw new DatasetException(file + ": index " + index + ": missing key \"" + key + "\"");
        }
        double value = number(file, index, key, node);
        return radians ? Math.toDegrees(value) : value;
    }

    private static double number(Path file, String index, String key, JsonNode node) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new DatasetException(
                    file + ": index " + index + ": key \"" + key + "\" is not a finite number: " + node);
        }
        return node.asDouble();
    }

    private static Vec3 translation(Path file, String index, JsonNode params) {
        JsonNode node = params.get("translation");
        if (node == null || node.isNull()) {
            return Vec3.ZERO;
        }
        if (!node.isArray() || node.size() != 3) {
            throw new DatasetException(
                    file + ": index " + index + ": key \"translation\" must be an array of 3 numbers, got " + node);
        }
        return new Vec3(
                (float) number(file, index, "translation", node.get(0)),
                (float) number(file, index, "translation", node.get(1)),
                (float) number(file, index, "translation", node.get(2)));
    }

    /**
     * Serialises the poses of views 0..n-1 (angles in degrees).
     *
     * @param views              poses in index order
     * @param includeTranslation write the {@code "translation"} key for every view
     * @return UTF-8 JSON bytes
     */
    public static byte[] toJson(List<CameraPose> views, boolean includeTranslation) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (int i = 0; i < views.size(); i++) {
            CameraPose view = views.get(i);
            ObjectNode node = root.putObject(indexKey(i));
            node.put("azimuth", view.azimuth());
            node.put("elevation", view.elevation());
            if (includeTranslation) {
                ArrayNode t = node.putArray("translation");
                Vec3 v = view.translation();
                t.add((float) v.x()).add((float) v.y()).add((float) v.z());
            }
        }
        try {
            return Json.PRETTY.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new DatasetException("cannot serialise render parameters: " + e.getMessage(), e);
        }
    }
}
