package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.DatasetException;
import enr4j.data.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CategoriesTest {

    @Test
    void everyCategoryGivesVariedMeshesInsideUnitSphereStandingUp() {
        for (Category category : Category.values()) {
            if (category == Category.OBJ) {
                continue;
            }
            Set<String> shapes = new HashSet<>();
            for (int seed = 0; seed < 4; seed++) {
                Mesh mesh = category.generator().generate(Seeds.derive(seed, 0));
                assertTrue(mesh.triangleCount() > 10, category + " has triangles");
                double r = mesh.maxRadius();
                assertTrue(r <= 1 + 1e-5 && r > 0.98, category + " fits the unit sphere: " + r);
                double[] b = mesh.bounds();
                for (int a = 0; a < 3; a++) {
                    assertEquals(0, b[a] + b[a + 3], 1e-4, category + " centred on axis " + a);
                }
                shapes.add(Arrays.toString(Arrays.stream(b).map(v -> Math.round(v * 100) / 100.0).toArray()));
                for (float n : mesh.normals()) {
                    assertTrue(Float.isFinite(n));
                }
            }
            assertTrue(shapes.size() >= 3, category + " varies across seeds: " + shapes);
        }
    }

    @Test
    void sameRandomStateGivesSameMesh() {
        Mesh a = Category.CHAIRS.generator().generate(Seeds.derive(5, 7));
        Mesh b = Category.CHAIRS.generator().generate(Seeds.derive(5, 7));
        assertTrue(Arrays.equals(a.positions(), b.positions()));
        assertEquals(a.materials(), b.materials());
    }

    @Test
    void tablesHaveTheirTopAtNegativeY() {
        for (int seed = 0; seed < 4; seed++) {
            assertTopIsWidestAtNegativeY(Category.TABLES.generator().generate(Seeds.derive(seed, 0)));
        }
    }

    private static void assertTopIsWidestAtNegativeY(Mesh table) {
        float[] p = table.positions();
        double[] b = table.bounds();
        // table top is the widest part and sits at the top (most negative y)
        double topWidth = 0;
        double bottomWidth = 0;
        for (int i = 0; i < p.length; i += 3) {
            double width = Math.hypot(p[i], p[i + 2]);
            if (p[i + 1] < b[1] + 0.05) {
                topWidth = Math.max(topWidth, width);
            }
            if (p[i + 1] > b[4] - 0.05) {
                bottomWidth = Math.max(bottomWidth, width);
            }
        }
        assertTrue(topWidth > bottomWidth * 0.99, "table top at -y: top " + topWidth + " bottom " + bottomWidth);
    }

    @Test
    void parsesCategoryNames() {
        assertEquals(Category.MUGS, Category.parse("Mugs"));
        assertEquals(Category.OBJ, Category.parse("obj"));
        assertTrue(assertThrows(DatasetException.class, () -> Category.parse("sofas")).getMessage().contains("sofas"));
    }
}
