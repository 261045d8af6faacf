package enr4j.io;

import java.io.Console;
import java.util.Map;

/**
 * Whether output may carry ANSI codes. Progress bars redrawn in place only on an interactive terminal (not a pipe,
 * a file or {@code TERM=dumb}); colours only there and without {@code NO_COLOR} (no-color.org).
 */
public final class Terminal {
    private Terminal() {
    }

    /** Output goes to an interactive terminal: progress may be redrawn in place. */
    public static boolean interactive() {
        return interactive(consoleIsTerminal(), System.getenv());
    }

    /** Output may be coloured. */
    public static boolean colours() {
        return colours(consoleIsTerminal(), System.getenv());
    }

    public static boolean interactive(boolean terminal, Map<String, String> env) {
        String term = env.get("TERM");
        return terminal && term != null && !term.isBlank() && !term.equals("dumb");
    }

    public static boolean colours(boolean terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return interactive(terminal, env) && (noColor == null || noColor.isEmpty());
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // from Java 22 a console exists for redirected streams too, and says whether it is a terminal
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22, a console exists only when input and output are a terminal
        }
    }
}
