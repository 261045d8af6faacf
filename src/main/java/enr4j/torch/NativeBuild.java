package enr4j.torch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which libtorch natives are on the class path: the CPU build or the CUDA build (the {@code gpu} Maven profile), and
 * the versions of the JavaCPP presets that carry them. Reads only jar resources: nothing here loads a native library.
 */
public final class NativeBuild {
    /** JavaCPP's switch for the {@code -gpu} native jars; it must be set before JavaCPP's loader first runs. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String GPU_NATIVES = "org/bytedeco/pytorch/linux-x86_64-gpu/";

    private NativeBuild() {}

    /** @return true when libtorch's CUDA natives are on the class path */
    public static boolean gpu() {
        return NativeBuild.class.getClassLoader().getResource(GPU_NATIVES) != null;
    }

    /**
     * Points JavaCPP at the CUDA natives when they are the ones on the class path and nobody chose otherwise; call it
     * before the first libtorch call (the command line and the public API do).
     */
    public static void select() {
        if (System.getProperty(EXTENSION_PROPERTY) == null && gpu()) {
            System.setProperty(EXTENSION_PROPERTY, "-gpu");
        }
    }

    /** @return libtorch's version, e.g. {@code 2.10.0}, or {@code unknown} */
    public static String libtorchVersion() {
        String presets = presetsVersion("pytorch");
        int dash = presets.indexOf('-');
        return dash < 0 ? presets : presets.substring(0, dash);
    }

    /**
     * @param artifact a JavaCPP presets artifact, e.g. {@code pytorch} or {@code cuda}
     * @return its Maven version (e.g. {@code 13.1-9.19-1.5.13} for CUDA 13.1 and cuDNN 9.19), or {@code unknown}
     *         when it is not on the class path
     */
    public static String presetsVersion(String artifact) {
        return version("META-INF/maven/org.bytedeco/" + artifact + "/pom.properties");
    }

    /** The {@code version} of a class-path {@code .properties} file, or {@code unknown}. */
    private static String version(String propertiesResource) {
        try (InputStream in = NativeBuild.class.getClassLoader().getResourceAsStream(propertiesResource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
