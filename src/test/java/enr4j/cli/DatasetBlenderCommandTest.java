package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.datagen.blender.BlenderExecutable;
import enr4j.datagen.blender.FurnitureLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enr dataset blender} on a Sweet Home 3D furniture library, with real Blender (scripts/test.sh installs it). */
@Tag("e2e")
class DatasetBlenderCommandTest {
    @TempDir
    Path dir;

    @Test
    void rendersTheMatchingModelsOfAFurnitureLibraryAndCreditsThem() throws Exception {
        BlenderExecutable.locate(null); // fails with the install hint when Blender is missing
        Path lib = FurnitureLibraries.write(dir.resolve("test.sh3f"));
        Path out = dir.resolve("chairs");
        CliTestSupport.Outcome r = CliTestSupport.run("dataset", "blender", "--meshes", lib.toString(), "--match",
                "chair", "--views", "4", "--size", "16", "--samples", "2", "--jobs", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("extracted 2 models from 1 furniture library"), r.out());
        SceneDataset train = SceneDataset.open(out.resolve("train"), ReaderOptions.training(16));
        assertEquals(2, train.sceneCount());
        assertEquals(4, train.viewsPerScene(), r.out());
        String credits = Files.readString(out.resolve("CREDITS.md"));
        assertTrue(credits.contains("- 0000_Armchair: Armchair by Ann Author"), credits);
        assertTrue(credits.contains("- 0001_Dining_chair: Dining chair, from"), credits);
        // scenes are named after the extracted models, whose names are unique across libraries
        assertEquals(List.of("0000_Armchair", "0001_Dining_chair"),
                train.scenes().stream().map(s -> s.name().substring("00000_".length())).sorted().toList());

        // a second run must not mix its models with the first run's
        CliTestSupport.Outcome again = CliTestSupport.run("dataset", "blender", "--meshes", lib.toString(), "--match",
                "table", "--out", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("exists already"), again.err());
    }

    @Test
    void matchOnAPlainMeshFolderIsAnError() throws Exception {
        Path meshes = Files.createDirectories(dir.resolve("meshes"));
        Files.writeString(meshes.resolve("a.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
        CliTestSupport.Outcome r = CliTestSupport.run("dataset", "blender", "--meshes", meshes.toString(), "--match",
                "chair", "--out", dir.resolve("out").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--match and --limit pick models of .sh3f furniture libraries"), r.err());
    }
}
