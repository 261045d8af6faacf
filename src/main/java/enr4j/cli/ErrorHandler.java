package enr4j.cli;

import enr4j.io.IoMessages;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions and errors into one line on stderr in the user's words: what went wrong with which file or
 * value, never a Java class name or a library's advice. {@code ENR_DEBUG=1} adds the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final String INTERNAL = "internal error, please report it (set ENR_DEBUG=1 for the details)";
    /** A qualified class name such as {@code java.lang.IllegalStateException: }, as some messages embed it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");
    /** How the JDK words an index out of bounds (ours name the view or the key instead). */
    private static final Pattern JDK_INDEX_MESSAGE = Pattern.compile("(?:Index|fromIndex|toIndex|begin|Range) ");
    /** A parser library's advice in parentheses, e.g. on enabling one of its features. */
    private static final Pattern ADVICE = Pattern.compile("\\s*\\([^()]*(?:Feature|enable)[^()]*\\)");

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        return report(e, cl.getErr());
    }

    /** Prints {@code failure} as one line (and, with {@code ENR_DEBUG}, its stack trace); returns exit code 1. */
    static int report(Throwable failure, PrintWriter err) {
        err.println("enr: error: " + describe(failure));
        if (System.getenv("ENR_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** One line about {@code failure} for the user. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        // wrappers (thread pools, UncheckedIOException) whose message is just their cause's
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory: the input needs more than this Java process may use (a larger heap: -Xmx through"
                    + " ENR_JAVA_OPTS), or it is not what it claims to be";
        }
        if (t instanceof StackOverflowError) {
            return "the input nests too deeply to be read";
        }
        if (t instanceof IOException io) {
            return inWords(IoMessages.describe(io));
        }
        if (t instanceof NullPointerException || t instanceof ClassCastException || t instanceof ArithmeticException
                || t instanceof NegativeArraySizeException || t.getMessage() == null || t.getMessage().isBlank()
                || t instanceof IndexOutOfBoundsException && JDK_INDEX_MESSAGE.matcher(t.getMessage()).lookingAt()) {
            return INTERNAL;
        }
        return inWords(firstLine(t.getMessage()));
    }

    /** {@code message} without embedded class names or library advice. */
    static String inWords(String message) {
        String words = ADVICE.matcher(CLASS_NAME.matcher(message).replaceAll("")).replaceAll("").strip();
        return words.isEmpty() ? INTERNAL : words;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
