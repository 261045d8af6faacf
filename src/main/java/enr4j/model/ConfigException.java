package enr4j.model;

/** A configuration that cannot describe a model; the message names the file and key. */
public class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
