package enr4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Replaces a directory so that readers see the old one or the complete new one: the content is written into
 * a hidden staging folder next to the target, then swapped in with renames. A failure while writing leaves
 * the old directory untouched and removes the staging folder.
 */
public final class AtomicDirectory {
    /** Writes the content of a new directory at {@code dir} (which does not exist yet). */
    @FunctionalInterface
    public interface Filler {
        void fill(Path dir) throws IOException;
    }

    private static final String STAGING = ".staging-";
    private static final String OLD = ".old-";

    private AtomicDirectory() {}

    /** Atomically replaces {@code target} with what {@code filler} writes. */
    public static void replace(Path target, Filler filler) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + abs.getFileName() + STAGING);
            Path content = staging.resolve("content");
            filler.fill(content);
            if (!Files.isDirectory(content)) {
                throw new IOException("nothing was written for " + target);
            }
            Path old = null;
            if (Files.exists(abs)) {
                old = parent.resolve("." + abs.getFileName() + OLD + System.nanoTime());
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(content, abs, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                FileTrees.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + IoMessages.describe(e), e);
        } finally {
            if (staging != null) {
                try {
                    FileTrees.delete(staging);
                } catch (IOException ignored) {
                    // best effort: RunDirectory.cleanStale removes leftovers of crashed runs
                }
            }
        }
    }

    /**
     * Makes {@code target} usable after a crash between the two renames of {@link #replace}: when it is missing
     * but an old copy was moved aside, the old copy is moved back. Removes staging leftovers of {@code target}.
     */
    public static void recover(Path target) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + abs.getFileName();
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : list.sorted(Comparator.reverseOrder()).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix + OLD)) {
                    if (!Files.exists(abs)) {
                        Files.move(p, abs, StandardCopyOption.ATOMIC_MOVE);
                    } else {
                        FileTrees.delete(p);
                    }
                } else if (name.startsWith(prefix + STAGING)) {
                    FileTrees.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover " + target + ": " + IoMessages.describe(e), e);
        }
    }
}
