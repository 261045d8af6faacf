package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ObjLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void parsesFacesFormsNegativeIndicesAndMaterials() throws Exception {
        write("m.mtl", "newmtl red\nKd 1 0 0\nKs 0.5 0.5 0.5\nNs 40\n\nnewmtl teal\nKd 0 0.5 0.5\n");
        Path obj = write("m.obj", String.join("\n",
                "# a quad and a triangle", "mtllib m.mtl",
                "v 0 0 0", "v 2 0 0", "v 2 2 0", "v 0 2 0", "vt 0 0", "vn 0 0 1",
                "usemtl red",
                "f 1/1/1 2/1/1 3/1/1 4/1/1",
                "v 0 0 2",
                "usemtl teal",
                "f -1//1 -5 -4",
                "o ignored", "s off", ""));
        Mesh mesh = ObjLoader.load(obj);
        assertEquals(3, mesh.triangleCount(), "quad fan-triangulated + triangle");
        assertEquals(2, mesh.materials().size());
        Material red = mesh.materials().get(mesh.materialIndex()[0]);
        assertEquals(new Material(1, 0, 0, 0.5f, 40), red);
        Material teal = mesh.materials().get(mesh.materialIndex()[2]);
        assertEquals(0.5f, teal.green());
        assertEquals(0f, teal.red());
        // the last triangle uses vertices 5, 1, 2 (negative indices relative to 5 vertices); the first
        // triangle of the quad is 1, 2, 3
        float[] p = mesh.positions();
        for (int a = 0; a < 3; a++) {
            assertEquals(p[a], p[18 + 3 + a], "corner 1 of the last triangle is vertex 1");
            assertEquals(p[3 + a], p[18 + 6 + a], "corner 2 of the last triangle is vertex 2");
        }
        Set<String> corners = new HashSet<>();
        for (int k = 0; k < 9; k++) {
            corners.add(String.format("%.3f,%.3f,%.3f", p[3 * k], p[3 * k + 1], p[3 * k + 2]));
        }
        assertEquals(5, corners.size(), "five distinct vertices used");
        assertTrue(mesh.maxRadius() <= 1 + 1e-6 && mesh.maxRadius() > 0.99, "fitted to unit sphere: " + mesh.maxRadius());
    }

    @Test
    void convertsObjYUpToWorldYDown() throws Exception {
        // tall thin triangle along OBJ +y: in the world it must extend along y (up = -y)
        Path obj = write("tall.obj", "v 0 0 0\nv 0.1 0 0\nv 0 4 0\nf 1 2 3\n");
        Mesh mesh = ObjLoader.load(obj);
        double[] b = mesh.bounds();
        assertTrue(b[4] - b[1] > 5 * (b[5] - b[2]), "height along world y");
        // OBJ apex (y = 4) maps to the most negative world y
        float[] p = mesh.positions();
        assertEquals((float) b[1], p[7], 1e-6);
        // OBJ +x maps to world +z (image right at az = 0)
        assertTrue(p[5] > p[2]);
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"v 0 0 0\nv 1 0 x\n", ":2:"},
                new String[] {"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2\n", ":4:"},
                new String[] {"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 7\n", ":4:"},
                new String[] {"v 0 0 0\nv 1 0 0\nv 0 1 0\n\nf 1 2 a/b\n", ":5:"},
                new String[] {"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 0\n", ":4:"});
        int i = 0;
        for (String[] c : cases) {
            Path obj = write("bad" + i++ + ".obj", c[0]);
            DatasetException e = assertThrows(DatasetException.class, () -> ObjLoader.load(obj));
            assertTrue(e.getMessage().startsWith(obj + c[1]), e.getMessage());
        }
        Path empty = write("empty.obj", "v 0 0 0\n");
        assertTrue(assertThrows(DatasetException.class, () -> ObjLoader.load(empty)).getMessage().contains("no faces"));
    }
}
