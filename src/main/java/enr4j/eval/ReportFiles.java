package enr4j.eval;

import enr4j.io.AtomicFiles;
import enr4j.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes (atomically) and reads {@link EvaluationReport}s.
 *
 * <ul>
 *   <li>JSON: {@code {"model", "dataset", "source_view", "device", "precision", "seconds",
 *       "mean": {"psnr", "ssim", "scenes", "views"}, "scenes": [{"scene", "views", "psnr", "ssim"}, ...]}}</li>
 *   <li>CSV: header {@code scene,views,psnr,ssim}, one row per scene, then a last row {@code mean,<total views>,
 *       <mean psnr>,<mean ssim>}.</li>
 * </ul>
 */
public final class ReportFiles {
    /** The CSV header line. */
    public static final String CSV_HEADER = "scene,views,psnr,ssim";
    /** Name of the CSV's last row. */
    public static final String MEAN_ROW = "mean";

    private ReportFiles() {}

    /**
     * Writes the report as JSON or CSV, chosen by the file extension.
     *
     * @throws IllegalArgumentException when the extension is neither {@code .json} nor {@code .csv}
     */
    public static void write(EvaluationReport report, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            writeJson(report, target);
        } else if (name.endsWith(".csv")) {
            writeCsv(report, target);
        } else {
            throw new IllegalArgumentException(target + ": report file must end in .json or .csv");
        }
    }

    /** The same path with its extension replaced, e.g. {@code a/psnr.json} to {@code a/psnr.csv}. */
    public static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + "." + extension);
    }

    public static void writeJson(EvaluationReport report, Path target) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", report.model());
        root.put("dataset", report.dataset());
        root.put("source_view", report.sourceView());
        root.put("device", report.device());
        root.put("precision", report.precision());
        root.put("seconds", report.seconds());
        ObjectNode mean = root.putObject("mean");
        mean.put("psnr", report.meanPsnr());
        mean.put("ssim", report.meanSsim());
        mean.put("scenes", report.scenes().size());
        mean.put("views", report.imagesScored());
        ArrayNode rows = root.putArray("scenes");
        for (SceneScore s : report.scenes()) {
            ObjectNode row = rows.addObject();
            row.put("scene", s.scene());
            row.put("views", s.views());
            row.put("psnr", s.psnr());
            row.put("ssim", s.ssim());
        }
        Json.write(target, root);
    }

    public static void writeCsv(EvaluationReport report, Path target) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (SceneScore s : report.scenes()) {
            csv.append(row(csvField(s.scene()), s.views(), s.psnr(), s.ssim()));
        }
        csv.append(row(MEAN_ROW, report.imagesScored(), report.meanPsnr(), report.meanSsim()));
        AtomicFiles.write(target, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String row(String name, long views, double psnr, double ssim) {
        return String.format(Locale.ROOT, "%s,%d,%.6f,%.6f%n", name, views, psnr, ssim);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * Reads a report written by {@link #writeJson}.
     *
     * @throws IllegalArgumentException naming the file when it is not such a report
     * @throws enr4j.io.JsonFileException naming the file, line and column when it is not valid JSON
     */
    public static EvaluationReport readJson(Path file) {
        JsonNode root = Json.read(file);
        List<SceneScore> scenes = new ArrayList<>();
        for (JsonNode row : required(root, "scenes", file)) {
            scenes.add(new SceneScore(required(row, "scene", file).asText(), required(row, "views", file).asInt(),
                    required(row, "psnr", file).asDouble(), required(row, "ssim", file).asDouble()));
        }
        JsonNode mean = required(root, "mean", file);
        return new EvaluationReport(root.path("model").asText(), root.path("dataset").asText(),
                required(root, "source_view", file).asInt(), root.path("device").asText(),
                root.path("precision").asText(), scenes, required(mean, "psnr", file).asDouble(),
                required(mean, "ssim", file).asDouble(), root.path("seconds").asDouble());
    }

    private static JsonNode required(JsonNode node, String key, Path file) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(file + ": evaluation report lacks \"" + key + "\"");
        }
        return value;
    }
}
