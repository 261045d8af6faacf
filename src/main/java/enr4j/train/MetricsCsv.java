package enr4j.train;

import enr4j.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code metrics.csv} of a run: one row per read-back of the losses (step, seconds of training since the run began,
 * the mean losses of the steps read, images per second). A resume first drops rows beyond the saved state, so the
 * file never holds a step twice; a non-finite mean is an empty field.
 */
final class MetricsCsv {
    static final String FILE = "metrics.csv";
    static final String HEADER = "step,wall_seconds,total,regression,ssim,images_per_second";

    private final Path file;
    private final double offsetSeconds;
    private final long startNanos = System.nanoTime();

    private MetricsCsv(Path file, double offsetSeconds) {
        this.file = file;
        this.offsetSeconds = offsetSeconds;
    }

    /** A file that is never written (processes other than the main one). */
    static MetricsCsv disabled() {
        return new MetricsCsv(null, 0);
    }

    /**
     * Opens the run's file, keeping the rows up to {@code lastStep} (the saved state's step) and dropping the rest
     * (and any line a crash left half written).
     */
    static MetricsCsv open(Path file, long lastStep) {
        double offset = 0;
        if (Files.isRegularFile(file)) {
            List<String> kept = new ArrayList<>();
            try {
                kept.add(HEADER);
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.split(",", -1);
                    if (f.length == 6 && f[0].matches("\\d+") && Long.parseLong(f[0]) <= lastStep
                            && f[1].matches("[0-9.]+")) {
                        kept.add(line);
                        offset = Double.parseDouble(f[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            AtomicFiles.write(file, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new MetricsCsv(file, offset);
    }

    /** Appends one row; {@code losses} are total, regression, ssim. */
    void append(long step, double[] losses, double imagesPerSecond) {
        if (file == null) {
            return;
        }
        double wall = offsetSeconds + (System.nanoTime() - startNanos) / 1e9;
        String row = String.format(Locale.ROOT, "%d,%.3f,%s,%s,%s,%.2f%n", step, wall, number(losses[0]),
                number(losses[1]), number(losses[2]), imagesPerSecond);
        try {
            String text = Files.exists(file) ? row : HEADER + "\n" + row;
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
