package enr4j.io;

/** A JSON file or text that cannot be read; the message is one line that names the source. */
public class JsonFileException extends RuntimeException {
    public JsonFileException(String message) {
        super(message);
    }
}
