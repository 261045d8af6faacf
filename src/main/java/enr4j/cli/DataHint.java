package enr4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.io.Json;
import enr4j.model.ConfigException;
import enr4j.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads a training config and, when its data folder is missing, says how to make it: the {@code enr dataset generate}
 * command for a generated set ({@code OUT/train} + {@code OUT/val}), or where the reference's own renders come from
 * for its {@code NAME-train} / {@code NAME-val} folders.
 */
final class DataHint {
    /** The reference's datasets (its README), by the prefix of their folder names. */
    static final String REFERENCE_DATA = "https://icml20-prod.cdn-apple.com/eqn-data/data/";
    private static final List<String> CATEGORIES = List.of("chairs", "mugs", "bowls", "cars", "tables");

    private DataHint() {}

    /** {@link TrainingConfig#load}, with the command that makes the data added to a missing-data error. */
    static TrainingConfig load(Path config) {
        try {
            return TrainingConfig.load(config);
        } catch (ConfigException e) {
            String hint = Files.isRegularFile(config) ? hint(config) : null;
            if (hint == null) {
                throw e;
            }
            throw new ConfigException(e.getMessage() + "; " + hint);
        }
    }

    /** @return how to make the config's missing data folder, or null when its data are there (or it cannot tell) */
    static String hint(Path config) {
        JsonNode c;
        try {
            c = Json.read(config);
        } catch (RuntimeException unreadable) {
            return null;
        }
        String train = text(c, "path_to_data");
        String val = text(c, "path_to_test_data");
        if (train == null || exists(config, train) && (val == null || exists(config, val))) {
            return null;
        }
        Path trainPath = Path.of(train);
        String name = trainPath.getFileName().toString();
        if (name.endsWith("-train")) {
            String set = name.substring(0, name.length() - "-train".length());
            return "these are the reference's renders: download " + REFERENCE_DATA + set + ".zip and unzip its "
                    + set + "-train.zip and " + set + "-val.zip into " + place(config, trainPath.getParent())
                    + " (or train on generated data, e.g. configs/gpu/chairs64.json)";
        }
        if (!name.equals("train") || trainPath.getParent() == null) {
            return null;
        }
        int size = c.path("img_shape").path(1).asInt(128);
        boolean small = size <= 32;
        return "make the data with: enr dataset generate --category " + category(c, train) + " --scenes "
                + (small ? "8 --split 6:2:0 --views 8" : "1100 --split 1000:50:50 --views 50") + " --size " + size
                + " --out " + place(config, trainPath.getParent());
    }

    private static String text(JsonNode c, String key) {
        JsonNode v = c.get(key);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** The config's own rule: relative to its folder, else to the working folder. */
    private static boolean exists(Path config, String path) {
        Path p = Path.of(path);
        Path dir = config.toAbsolutePath().getParent();
        return Files.exists(p) || !p.isAbsolute() && dir != null && Files.exists(dir.resolve(p));
    }

    /**
     * Where to put the data folder, relative to the working folder when possible: a path starting with {@code ..}
     * names a place beside the config; any other relative path is found in the working folder too.
     */
    private static String place(Path config, Path folder) {
        if (folder == null) {
            return "the working folder";
        }
        if (folder.isAbsolute() || !folder.startsWith("..")) {
            return folder.toString();
        }
        Path dir = config.toAbsolutePath().getParent();
        Path cwd = Path.of("").toAbsolutePath();
        Path resolved = dir.resolve(folder).normalize();
        return resolved.startsWith(cwd) ? cwd.relativize(resolved).toString() : resolved.toString();
    }

    private static String category(JsonNode c, String train) {
        String where = (train + " " + c.path("id").asText("")).toLowerCase(Locale.ROOT);
        return CATEGORIES.stream().filter(where::contains).findFirst().orElse("chairs");
    }
}
