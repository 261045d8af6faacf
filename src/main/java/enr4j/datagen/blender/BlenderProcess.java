package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one Blender job: {@code blender -b --factory-startup --python SCRIPT -- JOB.json}. */
public final class BlenderProcess {

    /** Prefix of the one error line the render script prints before exiting with status 2. */
    public static final String ERROR_PREFIX = "enr4j-blender: error: ";

    private BlenderProcess() {
    }

    /**
     * The outcome of one process.
     *
     * @param ok    true when Blender exited with status 0
     * @param error one line saying what went wrong (empty when ok)
     */
    public record Result(boolean ok, String error) {
    }

    /**
     * Runs Blender on a job file; stdout and stderr go to {@code stdout.log} and {@code stderr.log} beside the job.
     *
     * @param blender the executable
     * @param script  the render script
     * @param jobFile the job's JSON file
     * @param timeout the process is killed after this long
     * @return success, or the script's error line (else Blender's last stderr line, else the exit status)
     */
    public static Result run(BlenderExecutable blender, Path script, Path jobFile, Duration timeout) {
        Path dir = jobFile.toAbsolutePath().getParent();
        Path stdout = dir.resolve("stdout.log");
        Path stderr = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(blender.path().toString(), "-b", "--factory-startup",
                "--python-exit-code", "2", "--python", script.toString(), "--", jobFile.toString()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).directory(dir.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DatasetException("cannot start Blender " + blender.path() + ": " + e.getMessage() + "; "
                    + BlenderExecutable.INSTALL_HINT, e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(false, "Blender timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while Blender rendered " + jobFile, e);
        }
        int status = process.exitValue();
        if (status == 0) {
            return new Result(true, "");
        }
        return new Result(false, errorLine(stderr, status));
    }

    private static String errorLine(Path stderr, int status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Blender exited with status " + status;
        }
        String last = "";
        for (String line : lines) {
            if (line.startsWith(ERROR_PREFIX)) {
                return line.substring(ERROR_PREFIX.length());
            }
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        return last.isEmpty() ? "Blender exited with status " + status
                : "Blender exited with status " + status + ": " + last;
    }
}
