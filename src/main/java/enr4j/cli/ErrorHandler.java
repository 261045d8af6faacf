package enr4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions, and {@link Error}s such as running out of memory, into one clear line on stderr;
 * {@code ENR_DEBUG=1} adds the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        return report(e, cl);
    }

    /** Prints {@code t} as one line (and, with {@code ENR_DEBUG}, its stack trace); returns the exit code 1. */
    static int report(Throwable t, CommandLine cl) {
        cl.getErr().println("enr: error: " + firstLine(describe(t)));
        if (System.getenv("ENR_DEBUG") != null) {
            t.printStackTrace(cl.getErr());
        }
        return 1;
    }

    static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + (t.getMessage() == null ? "Java heap" : t.getMessage()) + ", at most "
                    + enr4j.io.ByteSizes.format(Runtime.getRuntime().maxMemory()) + "): the input is larger than this "
                    + "machine can hold; give Java more with -Xmx or use a smaller model or batch";
        }
        if (t instanceof StackOverflowError) {
            return "the input is nested too deeply to process (stack overflow)";
        }
        if (t.getMessage() == null) {
            return t instanceof Error ? "internal error (" + t.getClass().getSimpleName() + ")" : t.getClass().getSimpleName();
        }
        return t.getMessage();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
