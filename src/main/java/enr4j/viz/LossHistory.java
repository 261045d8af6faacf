package enr4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.io.Json;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loss history file of a training run: named loss components (e.g. {@code total}, {@code regression},
 * {@code ssim}), each a list of values in step order (iterations or epochs).
 *
 * @param source     the file it was read from
 * @param components loss name to values, in file order
 */
record LossHistory(Path source, Map<String, double[]> components) {

    /**
     * Reads a JSON object mapping loss names to arrays of numbers.
     *
     * @throws IllegalArgumentException naming the file when it is not such an object
     */
    static LossHistory read(Path file) {
        JsonNode root = Json.readAllowingNonFinite(file); // Python's json.dump writes NaN and Infinity
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of loss name -> list of numbers");
        }
        Map<String, double[]> components = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw new IllegalArgumentException(file + ": \"" + field.getKey() + "\" is not a list of numbers");
            }
            double[] series = new double[values.size()];
            for (int i = 0; i < series.length; i++) {
                if (values.get(i).isNull()) { // enr train writes a non-finite loss as null
                    series[i] = Double.NaN;
                    continue;
                }
                if (!values.get(i).isNumber()) {
                    throw new IllegalArgumentException(
                            file + ": \"" + field.getKey() + "\"[" + i + "] is not a number: " + values.get(i));
                }
                series[i] = values.get(i).asDouble();
            }
            components.put(field.getKey(), series);
        }
        return new LossHistory(file, Collections.unmodifiableMap(components));
    }

    /** The values of one component. */
    double[] component(String name) {
        double[] values = components.get(name);
        if (values == null) {
            throw new IllegalArgumentException(source + " has no \"" + name + "\" losses (has " + components.keySet() + ")");
        }
        return values;
    }
}
