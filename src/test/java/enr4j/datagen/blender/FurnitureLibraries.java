package enr4j.datagen.blender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small Sweet Home 3D furniture libraries (.sh3f) for tests, laid out like the ones Debian ships. */
public final class FurnitureLibraries {
    private FurnitureLibraries() {
    }

    /** A four-sided pyramid with a material of its own (an OBJ Blender imports). */
    static String pyramid(String material) {
        return "mtllib model.mtl\nv -0.5 0 -0.5\nv 0.5 0 -0.5\nv 0.5 0 0.5\nv -0.5 0 0.5\nv 0 1 0\nusemtl " + material
                + "\nf 1 2 3 4\nf 1 2 5\nf 2 3 5\nf 3 4 5\nf 4 1 5\n";
    }

    /**
     * Writes a library of three models: "Armchair" (category Living room, tags "Seat, chair"), "Table" (category
     * Kitchen) and "Dining chair" (category Kitchen); each folder holds its OBJ, a material file and, for the armchair, a
     * second OBJ that is not the model (a variant the catalogue does not list).
     *
     * @return the .sh3f file
     */
    public static Path write(Path file) throws IOException {
        String index = """
                id=Test#Library
                name=Test furniture
                license=CC-BY 3.0
                id#1=Test#armchair
                name#1=Armchair
                category#1=Living room
                tags#1=Seat, chair
                model#1=/test/armchair/armchair.obj
                creator#1=Ann Author
                id#2=Test#table
                name#2=Table
                category#2=Kitchen
                model#2=/test/table/table.obj
                creator#2=Bob Builder
                id#3=Test#dining
                name#3=Dining chair
                category#3=Kitchen
                model#3=/test/dining/dining.obj
                """;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "LICENSE.TXT", "test models");
            put(zip, "PluginFurnitureCatalog.properties", index);
            for (String m : new String[] {"armchair", "table", "dining"}) {
                put(zip, "test/" + m + "/" + m + ".obj", pyramid(m + "_paint"));
                put(zip, "test/" + m + "/model.mtl", "newmtl " + m + "_paint\nKd 0.8 0.3 0.2\n");
            }
            put(zip, "test/armchair/armchair_lowpoly.obj", pyramid("armchair_paint"));
        }
        return file;
    }

    static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.ISO_8859_1));
        zip.closeEntry();
    }
}
