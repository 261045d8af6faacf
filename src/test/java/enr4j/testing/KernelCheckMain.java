package enr4j.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The command-line side of a GPU kernel check (scripts/gpu/kernels-check.sh runs each check's {@code main}): the
 * report goes to the path given, or to {@code target/kernel-report/DEFAULT_NAME}; each failure is printed as a
 * {@code FAIL} line, then one summary line; the exit status is 1 when anything failed.
 */
public final class KernelCheckMain {
    private KernelCheckMain() {}

    /**
     * @param args        the check's arguments: an optional report path
     * @param defaultName the report's file name under target/kernel-report when no path is given
     * @param what        what was checked, for the summary line (e.g. "GroupNorm kernel")
     * @param check       runs the check, writing the report to the path it is given; returns the failures
     */
    public static void run(String[] args, String defaultName, String what, Function<Path, List<String>> check) {
        List<String> failures = check.apply(Path.of(args.length > 0 ? args[0] : "target/kernel-report/" + defaultName));
        failures.forEach(f -> System.out.println("FAIL " + f));
        System.out.println(failures.isEmpty() ? "all " + what + " checks passed" : failures.size() + " failures");
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}
