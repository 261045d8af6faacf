package enr4j.datagen.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class FurnitureCatalogTest {
    @TempDir
    Path dir;

    @Test
    void picksModelsByNameCategoryOrTagsIgnoringCase() throws IOException {
        Path lib = FurnitureLibraries.write(dir.resolve("test.sh3f"));
        assertEquals(List.of(lib), FurnitureCatalog.libraries(dir));
        assertEquals(List.of(lib), FurnitureCatalog.libraries(lib));
        assertEquals(List.of(), FurnitureCatalog.libraries(dir.resolve("missing")));

        List<FurnitureCatalog.Model> all = FurnitureCatalog.read(lib);
        assertEquals(List.of("Armchair", "Table", "Dining chair"), all.stream().map(FurnitureCatalog.Model::name).toList());
        assertEquals("test/armchair/armchair.obj", all.get(0).objEntry());
        assertEquals("test/armchair/", all.get(0).folder());

        assertEquals(List.of("Armchair", "Dining chair"), names(FurnitureCatalog.select(List.of(lib), "CHAIR", 0)));
        assertEquals(List.of("Table", "Dining chair"), names(FurnitureCatalog.select(List.of(lib), "kitchen", 0)));
        assertEquals(List.of("Armchair"), names(FurnitureCatalog.select(List.of(lib), "seat", 0)));
        assertEquals(List.of("Armchair", "Table"), names(FurnitureCatalog.select(List.of(lib), null, 2)));
        DatasetException none = assertThrows(DatasetException.class,
                () -> FurnitureCatalog.select(List.of(lib), "sofa", 0));
        assertTrue(none.getMessage().contains("'sofa'"), none.getMessage());
    }

    @Test
    void extractsOneMeshPerModelFolderWithItsMaterialsAndCredits() throws IOException {
        Path lib = FurnitureLibraries.write(dir.resolve("test.sh3f"));
        List<FurnitureCatalog.Model> chosen = FurnitureCatalog.select(List.of(lib), "armchair|table", 0);
        Path into = dir.resolve("meshes");
        Path credits = dir.resolve("CREDITS.md");
        List<Path> objs = FurnitureCatalog.extract(chosen, into, credits);

        assertEquals(List.of(into.resolve("0000_Armchair/0000_Armchair.obj"), into.resolve("0001_Table/0001_Table.obj")),
                objs);
        assertTrue(Files.isRegularFile(into.resolve("0000_Armchair/model.mtl")));
        assertFalse(Files.exists(into.resolve("0000_Armchair/armchair_lowpoly.obj")), "an unlisted OBJ is left out");
        assertEquals(objs, MeshFiles.list(into), "exactly one mesh per model for the generator");
        assertEquals(FurnitureLibraries.pyramid("table_paint"), Files.readString(objs.get(1)));
        String text = Files.readString(credits);
        assertTrue(text.contains("- 0000_Armchair: Armchair by Ann Author, from \"Test furniture\" (test.sh3f:"
                + " test/armchair/armchair.obj), CC-BY 3.0"), text);
        assertTrue(text.contains("- 0001_Table: Table by Bob Builder"), text);
        assertFalse(text.contains("Dining"), text);
    }

    @Test
    void refusesAnEntryThatWouldLandOutsideItsFolder() throws IOException {
        Path lib = dir.resolve("evil.sh3f");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(lib))) {
            FurnitureLibraries.put(zip, "PluginFurnitureCatalog.properties", "name=Evil\nname#1=Box\nmodel#1=/m/box.obj\n");
            FurnitureLibraries.put(zip, "m/box.obj", FurnitureLibraries.pyramid("x"));
            FurnitureLibraries.put(zip, "m/../../escaped.mtl", "newmtl x\n");
        }
        Path into = dir.resolve("out/meshes");
        DatasetException e = assertThrows(DatasetException.class, () -> FurnitureCatalog.extract(
                FurnitureCatalog.read(lib), into, dir.resolve("out/CREDITS.md")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/escaped.mtl")) || Files.exists(dir.resolve("escaped.mtl")));
    }

    @Test
    void aZipWithoutIndexIsNotALibrary() throws IOException {
        Path lib = dir.resolve("plain.sh3f");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(lib))) {
            FurnitureLibraries.put(zip, "readme.txt", "hello");
        }
        DatasetException e = assertThrows(DatasetException.class, () -> FurnitureCatalog.read(lib));
        assertTrue(e.getMessage().contains("plain.sh3f") && e.getMessage().contains("PluginFurnitureCatalog.properties"),
                e.getMessage());
        Files.writeString(dir.resolve("broken.sh3f"), "not a zip");
        DatasetException broken = assertThrows(DatasetException.class,
                () -> FurnitureCatalog.read(dir.resolve("broken.sh3f")));
        assertTrue(broken.getMessage().contains("broken.sh3f"), broken.getMessage());
    }

    private static List<String> names(List<FurnitureCatalog.Model> models) {
        return models.stream().map(FurnitureCatalog.Model::name).toList();
    }
}
