package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Blender program that renders: an explicit path ({@code --blender PATH}) or {@code blender} on the PATH.
 *
 * @param path the executable
 */
public record BlenderExecutable(Path path) {

    /** How to get Blender, appended to every "not found" message. */
    public static final String INSTALL_HINT = "install it with 'apt-get install blender' (Debian/Ubuntu) or pass "
            + "--blender PATH";

    /**
     * @param explicit a path given by the user, or null to search the PATH
     * @return the executable
     * @throws DatasetException naming the path (or the PATH search) and how to install Blender
     */
    public static BlenderExecutable locate(Path explicit) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit) || !Files.isExecutable(explicit)) {
                throw new DatasetException("Blender not found at " + explicit + ": " + INSTALL_HINT);
            }
            return new BlenderExecutable(explicit);
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, "blender");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new BlenderExecutable(candidate);
                }
            }
        }
        throw new DatasetException("Blender not found on the PATH: " + INSTALL_HINT);
    }
}
