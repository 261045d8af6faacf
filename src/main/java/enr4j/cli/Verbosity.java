package enr4j.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.IntSupplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global {@code --quiet} and {@code --verbose} options, accepted before or after the command name.
 * Quiet: nothing on stdout (progress, summaries, paths), errors and warnings still on stderr. Verbose: the versions
 * in use on stderr first, and an error's stack trace after its one-line message.
 */
final class Verbosity {
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "print nothing but errors and warnings")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "print the versions in use, and stack traces with errors")
    boolean verbose;

    /** Runs {@code command} with stdout muted when quiet, after the version lines when verbose. */
    int around(IntSupplier command) {
        if (quiet && verbose) {
            throw new IllegalArgumentException("--quiet and --verbose exclude each other");
        }
        if (verbose) {
            for (String line : new VersionInfo().getVersion()) {
                System.err.println("enr: " + line);
            }
        }
        if (!quiet) {
            return command.getAsInt();
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        try {
            return command.getAsInt();
        } finally {
            System.setOut(out);
        }
    }
}
