package enr4j.datagen.blender;

import java.nio.file.Path;

/**
 * A mesh left out of the dataset.
 *
 * @param mesh   the mesh file
 * @param reason one line: Blender's error (e.g. the importer's exception)
 */
public record SkippedMesh(Path mesh, String reason) {

    @Override
    public String toString() {
        return mesh.getFileName() + ": " + reason;
    }
}
