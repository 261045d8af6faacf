package enr4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code run.lock}: the process training in a run folder (its PID and start time), so that a second
 * {@code --resume} of the same run refuses instead of interleaving saves. A lock left by a process that no longer
 * runs (kill -9, power loss) is taken over.
 */
final class RunLock implements AutoCloseable {
    static final String FILE = "run.lock";

    private final Path file;

    private RunLock(Path file) {
        this.file = file;
    }

    /**
     * Takes the lock of {@code runDir}.
     *
     * @throws IllegalStateException naming the process that holds it
     */
    static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        ProcessHandle self = ProcessHandle.current();
        String content = self.pid() + "\n" + startOf(self) + "\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return new RunLock(file);
            } catch (FileAlreadyExistsException e) {
                Optional<ProcessHandle> holder = holder(file);
                if (holder.isPresent()) {
                    throw new IllegalStateException(runDir + " is being trained by process " + holder.get().pid()
                            + " (" + FILE + "); wait for it to finish or stop it first");
                }
                try {
                    Files.deleteIfExists(file); // stale: its process is gone
                } catch (IOException d) {
                    throw new UncheckedIOException("cannot remove the stale " + file + ": " + d.getMessage(), d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(file + ": taken by another process while starting; try again");
    }

    /** The live process that wrote {@code file}, or empty when it is gone (or the file is unreadable). */
    private static Optional<ProcessHandle> holder(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        String start = lines.size() > 1 ? lines.get(1).strip() : "";
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> start.isEmpty() || start.equals(startOf(p))); // a reused PID is another process
    }

    private static String startOf(ProcessHandle p) {
        return p.info().startInstant().map(Object::toString).orElse("");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock that outlives its process is taken over by the next run
        }
    }
}
