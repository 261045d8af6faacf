package enr4j.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that does not parse: one line on stderr naming the option or value and where the options are
 * listed (not the whole usage text), exit code 2. Like {@link ErrorHandler}, in the user's words.
 */
final class UsageErrors implements IParameterExceptionHandler {
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value for (?:option|positional parameter)"
            + " '[^']*': ");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("enr: error: " + describe(e) + " (" + cl.getCommandSpec().qualifiedName()
                + " --help lists the options)");
        cl.getErr().flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The problem in one line: picocli's words where they name the option ({@code Invalid value for option
     * '--frames': 'x' is not an int}), with a converter's own reason in place of the type it converts to; an
     * option method's own message (which names its option); suggestions for an unknown option.
     */
    static String describe(ParameterException e) {
        String message = firstLine(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        Matcher invalid = INVALID_VALUE.matcher(message);
        if (invalid.lookingAt()) {
            boolean reason = message.startsWith("cannot convert", invalid.end()) && cause != null
                    && cause.getMessage() != null && !cause.getMessage().isBlank();
            return ErrorHandler.inWords(reason ? invalid.group() + firstLine(cause.getMessage()) : message);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TypeConversionException && t.getMessage() != null && !t.getMessage().isBlank()) {
                return ErrorHandler.inWords(firstLine(t.getMessage()));
            }
        }
        message = ErrorHandler.inWords(message);
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3,
                        suggestions.size()))) + "?";
            }
        }
        return message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
