package enr4j.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The three ways a model is saved, told apart by the path (see {@link ModelFiles}). */
public enum ModelFormat {
    /** A folder holding {@code config.json}, {@code model.safetensors} and a {@code README.md} model card. */
    FOLDER("a model folder"),
    /** The same three files in a {@code .zip}. */
    ZIP("a .zip"),
    /** The reference's checkpoint, {@code .pt} or {@code .pth}. */
    CHECKPOINT("a .pt checkpoint");

    private final String description;

    ModelFormat(String description) {
        this.description = description;
    }

    /** e.g. {@code a .zip}, for messages. */
    public String description() {
        return description;
    }

    /** What {@link ModelFiles#save} writes at {@code path}: by extension, a folder for any other name. */
    public static ModelFormat forTarget(Path path) {
        return byExtension(path).orElse(FOLDER);
    }

    /** What {@link ModelFiles#load} reads at an existing {@code path}: a folder, a zip, else a checkpoint. */
    public static ModelFormat ofExisting(Path path) {
        return Files.isDirectory(path) ? FOLDER : byExtension(path).orElse(CHECKPOINT);
    }

    /** The format a file name's extension names ({@code .zip}, {@code .pt}, {@code .pth}), if any. */
    public static Optional<ModelFormat> byExtension(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        return name.endsWith(".pt") || name.endsWith(".pth") ? Optional.of(CHECKPOINT) : Optional.empty();
    }
}
