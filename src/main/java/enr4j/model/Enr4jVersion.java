package enr4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The enr4j version this build was made from, as Maven wrote it into {@code enr4j/version.properties}. */
public final class Enr4jVersion {
    private static final String RESOURCE = "/enr4j/version.properties";
    private static final String UNKNOWN = "unknown";
    private static final String VERSION = load();

    private Enr4jVersion() {}

    /** e.g. {@code 0.1.0}; {@code unknown} when the classes were not built by Maven. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Enr4jVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", UNKNOWN).strip();
            return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
