package enr4j.cli;

import enr4j.io.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --overwrite} and the rule behind it: a command never writes into an output that already holds something,
 * unless told to, and then replaces it whole. A folder is built beside the old one and swapped in by renames
 * ({@link AtomicDirectory}), so no old file survives among the new ones and a failed run leaves the old folder as
 * it was.
 */
final class OutputOptions {
    /** Writes a new output folder and tells what it wrote. */
    @FunctionalInterface
    interface FolderWriter<T> {
        T write(Path folder) throws IOException;
    }

    @Option(names = "--overwrite", description = "replace an output that already exists, as a whole (default: refuse)")
    boolean overwrite;

    /**
     * Fails unless {@code folder} is missing, empty, or {@code --overwrite} was given.
     *
     * @param option the option that named the folder, for the message
     */
    void checkFolder(Path folder, String option) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file, and " + option + " needs a folder");
        }
        if (!overwrite && holdsFiles(folder)) {
            throw new IllegalArgumentException(folder + " exists already and holds files: add --overwrite to replace"
                    + " it whole, or choose another " + option);
        }
    }

    /**
     * Fails unless none of {@code files} exists, or {@code --overwrite} was given.
     *
     * @param option the option that named the files, for the message
     */
    void checkFiles(String option, Path... files) {
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a folder, and " + option + " needs a file name");
            }
            if (!overwrite && Files.exists(file)) {
                throw new IllegalArgumentException(file + " exists already: add --overwrite to replace it, or choose"
                        + " another " + option);
            }
        }
    }

    /**
     * Checks {@code folder} as {@link #checkFolder} does, then writes it whole through {@code writer}, which gets the
     * folder to fill (a staging folder beside {@code folder}, renamed to it once the writer returns).
     *
     * @param inputs files or folders the filler reads: refused when they lie inside {@code folder}, which the
     *               swap would delete
     * @return what the writer returned
     */
    <T> T replaceFolder(Path folder, String option, FolderWriter<T> writer, Path... inputs) {
        Path target = folder.toAbsolutePath().normalize();
        checkFolder(target, option);
        for (Path input : inputs) {
            if (input != null && input.toAbsolutePath().normalize().startsWith(target)) {
                throw new IllegalArgumentException(input + " lies inside " + option + " " + folder
                        + ", which is replaced as a whole: choose another " + option);
            }
        }
        List<T> result = new ArrayList<>(1);
        AtomicDirectory.replace(target, dir -> result.add(writer.write(dir)));
        return result.get(0);
    }

    private static boolean holdsFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
