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
}
