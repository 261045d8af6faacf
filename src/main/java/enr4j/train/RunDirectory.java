package enr4j.train;

import enr4j.io.AtomicDirectory;
import enr4j.io.AtomicFiles;
import enr4j.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import enr4j.viz.ImageGrid;
import enr4j.viz.Images;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The folder of one training run, {@code <out>/<YYYY-mm-dd_HH-MM>_<id>/}, and the files in it. Every write is
 * atomic (temporary file or folder, then rename).
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String RUN_INFO = "run.json";
    public static final String GROUND_TRUTH = "imgs_ground_truth.png";
    public static final String LOSS_HISTORY = "loss_history.json";
    public static final String EPOCH_LOSS_HISTORY = "epoch_loss_history.json";
    public static final String VAL_LOSS_HISTORY = "val_loss_history.json";
    public static final String MODEL = "model";
    public static final String BEST_MODEL = "best_model";
    public static final String STATE = "state";
    /** Images per row of the render grids, as the reference. */
    public static final int GRID_COLUMNS = 4;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm");

    private final Path root;

    private boolean readOnly;

    /**
     * The same folder, for a process that must not write (every rank but 0 of a data-parallel run): JSON and grid
     * writes become no-ops, and {@link #readOnly()} tells the trainer to skip its saves.
     */
    public RunDirectory readOnlyView() {
        RunDirectory view = new RunDirectory(root);
        view.readOnly = true;
        return view;
    }

    /** A read-only stand-in for a folder that this process must not create (ranks > 0 of a new run). */
    public static RunDirectory detached(Path root) {
        RunDirectory view = new RunDirectory(root.toAbsolutePath());
        view.readOnly = true;
        return view;
    }

    public boolean readOnly() {
        return readOnly;
    }

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Creates a new run folder under {@code out} (a suffix {@code _2}, {@code _3}... when the name is taken). */
    public static RunDirectory create(Path out, String id, LocalDateTime now) {
        String base = STAMP.format(now) + "_" + id;
        try {
            Files.createDirectories(out);
            for (int k = 1; ; k++) {
                Path p = out.resolve(k == 1 ? base : base + "_" + k);
                try {
                    Files.createDirectory(p);
                    return new RunDirectory(p.toAbsolutePath());
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder in " + out + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing run folder (resume), repairing an interrupted state swap. */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run folder not found: " + dir);
        }
        RunDirectory run = new RunDirectory(dir.toAbsolutePath());
        AtomicDirectory.recover(run.state());
        AtomicDirectory.recover(run.model());
        AtomicDirectory.recover(run.bestModel());
        if (!Files.isRegularFile(run.file(CONFIG)) || !Files.isDirectory(run.state())) {
            throw new IllegalArgumentException(dir + ": not a resumable run folder (needs " + CONFIG + " and "
                    + STATE + "/; the state is saved at the end of each epoch and every checkpoint_minutes)");
        }
        return run;
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public Path model() {
        return root.resolve(MODEL);
    }

    public Path bestModel() {
        return root.resolve(BEST_MODEL);
    }

    public Path state() {
        return root.resolve(STATE);
    }

    public Path generatedImages(int epoch) {
        return root.resolve(String.format("imgs_gen_%03d.png", epoch));
    }

    public void writeJson(String name, JsonNode node) {
        if (readOnly) {
            return;
        }
        writeJson(file(name), node, false);
    }

    static void writeJson(Path file, JsonNode node, boolean pretty) {
        try {
            AtomicFiles.write(file, (pretty ? JSON : COMPACT).writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a run file strictly (duplicate keys and trailing text are errors naming the file and position). */
    static JsonNode readJson(Path file) {
        return Json.read(file);
    }

    public JsonNode readJson(String name) {
        return readJson(file(name));
    }

    /** Writes a grid of channel-first float images (values in [0, 1]), {@value #GRID_COLUMNS} per row. */
    public void writeGrid(Path target, List<float[]> images, int size) {
        if (readOnly) {
            return;
        }
        Images.writePng(ImageGrid.withImagesPerRow(GRID_COLUMNS).tileChw(images, size, size), target);
    }
}
