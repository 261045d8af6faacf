package enr4j.data;

/**
 * Raised for any invalid or unreadable dataset input. The message is a single line that names the
 * offending file, key or value, so that a CLI can print it without a stack trace.
 */
public class DatasetException extends RuntimeException {

    /** @param message one-line description naming the file/key/value at fault */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message one-line description naming the file/key/value at fault
     * @param cause   underlying error
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exception to throw for a worker's failure: a {@code DatasetException} as it is, an {@link Error} (such as
     * running out of memory) as it is, anything else as a {@code DatasetException} whose message is {@code what}
     * and the failure's own message (never its class name).
     */
    public static RuntimeException rethrow(String what, Throwable failure) {
        Throwable t = failure;
        // thread pools re-create an exception with the original's toString() as message: look through those
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof DatasetException d) {
            return d;
        }
        if (t instanceof Error e) {
            throw e;
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? "an internal error" : t.getMessage();
        return new DatasetException(what + ": " + message, t);
    }
}
