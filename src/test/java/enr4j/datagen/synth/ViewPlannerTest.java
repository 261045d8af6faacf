package enr4j.datagen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ViewPlannerTest {

    @Test
    void spiralHas251ViewsWithDocumentedFormula() {
        List<CameraPose> views = new ViewPlanner(ViewMode.ROTATION, -10, 50, 0.3).spiralViews(251, new SplittableRandom(1));
        assertEquals(251, views.size());
        assertEquals(0, views.get(0).azimuth(), 1e-9);
        assertEquals(-10, views.get(0).elevation(), 1e-9);
        assertEquals(50, views.get(250).elevation(), 1e-9);
        // source view 64: t = 64/250 = 0.256; el = -10 + 60 t = 5.36; az = 4 * 360 t = 368.64 -> 8.64
        assertEquals(5.36, views.get(64).elevation(), 1e-9);
        assertEquals(8.64, views.get(64).azimuth(), 1e-9);
        assertEquals(Vec3.ZERO, views.get(64).translation());
        for (CameraPose v : views) {
            assertTrue(v.azimuth() >= -180 && v.azimuth() < 180);
        }
    }

    @Test
    void randomViewsRespectRangesAndModes() {
        SplittableRandom random = new SplittableRandom(3);
        for (CameraPose v : new ViewPlanner(ViewMode.ROTOTRANSLATION, 5, 25, 0.2).randomViews(200, random)) {
            assertTrue(v.azimuth() >= -180 && v.azimuth() < 180);
            assertTrue(v.elevation() >= 5 && v.elevation() < 25);
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(v.translation().get(i)) <= 0.2f);
            }
        }
        List<CameraPose> translated = new ViewPlanner(ViewMode.TRANSLATION, -10, 50, 0.3).randomViews(50, random);
        double spread = 0;
        for (CameraPose v : translated) {
            assertEquals(0, v.azimuth());
            assertEquals(0, v.elevation());
            spread = Math.max(spread, Math.abs(v.translation().y()));
        }
        assertTrue(spread > 0.1, "translations vary");
        for (CameraPose v : new ViewPlanner(ViewMode.ROTATION, -10, 50, 0.3).randomViews(20, random)) {
            assertEquals(Vec3.ZERO, v.translation());
        }
    }

    @Test
    void wrapsDegreesIntoHalfOpenRange() {
        assertEquals(-180, ViewPlanner.wrapDegrees(180), 1e-12);
        assertEquals(170, ViewPlanner.wrapDegrees(-190), 1e-12);
        assertEquals(8.64, ViewPlanner.wrapDegrees(368.64), 1e-9);
    }
}
