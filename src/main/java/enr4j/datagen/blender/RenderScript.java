package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import enr4j.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** The Python script Blender runs ({@code render_views.py}, shipped as a resource), written out to a file. */
public final class RenderScript {

    /** Resource path of the script. */
    public static final String RESOURCE = "/enr4j/datagen/blender/render_views.py";

    private RenderScript() {
    }

    /** @return the script's text as bytes */
    public static byte[] bytes() {
        try (InputStream in = RenderScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DatasetException("render script missing from the classpath: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DatasetException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Writes the script into {@code folder} and returns its path. */
    public static Path writeTo(Path folder) {
        Path file = folder.resolve("render_views.py");
        AtomicFiles.write(file, bytes());
        return file;
    }
}
