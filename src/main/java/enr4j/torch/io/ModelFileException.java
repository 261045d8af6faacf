package enr4j.torch.io;

/**
 * A model file could not be read or written: it is corrupt, truncated, of an unsupported kind, or refers to
 * code that is not allowed. The message is one line naming the file and, where known, the tensor or entry.
 */
public class ModelFileException extends RuntimeException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
