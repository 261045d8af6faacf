package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import enr4j.testing.TinyModels;
import enr4j.train.Checkpointer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved models get the permissions any new file or folder gets under the process's umask (typically 0644 and
 * 0755), not the owner-only ones of temporary files.
 */
@Tag("fast")
class SavedModelPermissionsTest {
    @TempDir
    Path dir;
    Set<PosixFilePermission> plainFile;
    Set<PosixFilePermission> plainFolder;

    @BeforeEach
    void plainPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        plainFile = Files.getPosixFilePermissions(Files.write(dir.resolve("plain.txt"), new byte[] {1}));
        plainFolder = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("plain")));
    }

    @Test
    void savedFilesAndFoldersHaveTheUmaskPermissions() throws Exception {
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        Path folder = dir.resolve("model");
        Path zip = dir.resolve("model.zip");
        Path pt = dir.resolve("model.pt");
        Path runModel = dir.resolve("run/best_model");
        ModelFiles.save(model, folder);
        ModelFiles.save(model, zip);
        ModelFiles.save(model, pt);
        Checkpointer.saveModel(model, runModel);
        for (Path f : List.of(folder, runModel)) {
            assertEquals(plainFolder, Files.getPosixFilePermissions(f), f.toString());
            try (Stream<Path> files = Files.list(f)) {
                for (Path inside : files.toList()) {
                    assertEquals(plainFile, Files.getPosixFilePermissions(inside), inside.toString());
                }
            }
        }
        assertEquals(plainFile, Files.getPosixFilePermissions(zip), zip.toString());
        assertEquals(plainFile, Files.getPosixFilePermissions(pt), pt.toString());
        // replacing a model keeps to the same rule
        ModelFiles.save(model, folder);
        ModelFiles.save(model, zip);
        assertEquals(plainFolder, Files.getPosixFilePermissions(folder));
        assertEquals(plainFile, Files.getPosixFilePermissions(zip));
    }

    @Test
    void underTheUsualUmaskOthersMayRead() throws Exception {
        assumeTrue(plainFile.contains(PosixFilePermission.OTHERS_READ), "the umask lets others read new files");
        Path zip = dir.resolve("shared.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), zip);
        assertTrue(Files.getPosixFilePermissions(zip).contains(PosixFilePermission.OTHERS_READ));
    }
}
