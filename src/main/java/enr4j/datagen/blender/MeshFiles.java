package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;

/** The mesh files Blender can import: {@code .obj .ply .stl .gltf .glb .dae}. */
public final class MeshFiles {

    /** Supported extensions, lower case, without the dot. */
    public static final Set<String> EXTENSIONS = Set.of("obj", "ply", "stl", "gltf", "glb", "dae");

    private MeshFiles() {
    }

    /**
     * @param folder a folder searched recursively (so furniture packs with one folder per model work)
     * @return supported mesh files, sorted by path
     * @throws DatasetException naming the folder when it is missing or holds no mesh
     */
    public static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("mesh folder not found: " + folder);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> meshes = files.filter(Files::isRegularFile).filter(MeshFiles::supported).sorted().toList();
            if (meshes.isEmpty()) {
                throw new DatasetException("no mesh files (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                        + ") in " + folder);
            }
            return meshes;
        } catch (IOException e) {
            throw new DatasetException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** @return true when the file's extension is supported */
    public static boolean supported(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** @return the file name without extension, reduced to letters, digits, '-' and '_' */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String clean = base.replaceAll("[^A-Za-z0-9_-]+", "_");
        return clean.isEmpty() ? "mesh" : clean;
    }
}
