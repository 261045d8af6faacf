package enr4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.Vec3;
import enr4j.viz.CameraShift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class NovelViewPathTest {
    @TempDir
    Path dir;

    @Test
    void pathsHaveTheRequestedFramesAndShift() {
        assertEquals(12, NovelViewPath.ORBIT.shifts(12, 0, null, null, null).size());
        assertEquals(30.0, NovelViewPath.ORBIT.shifts(4, 30, 5.0, null, null).get(0).azimuth());
        assertEquals(5.0, NovelViewPath.ORBIT.shifts(4, 30, 5.0, null, null).get(0).elevation());
        assertThrows(IllegalArgumentException.class, () -> NovelViewPath.CUSTOM.shifts(4, 0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> NovelViewPath.parse("zigzag"));
    }

    @Test
    void driftTurnsOnceAtZeroElevationWhileMovingByTheDefaultAmplitude() {
        List<CameraShift> path = NovelViewPath.parse("drift").shifts(12, 0, null, null, null);
        assertEquals(12, path.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(30.0 * i, path.get(i).azimuth(), 1e-9);
            assertEquals(0, path.get(i).elevation());
            assertEquals(NovelViewPath.DEFAULT_DRIFT_TRANSLATION, path.get(i).translation().length(), 1e-12);
            assertEquals(0, path.get(i).translation().x());
        }
        assertEquals(360 - 30, path.get(11).azimuth(), 1e-9, "a full turn that does not repeat its start");
    }

    @Test
    void driftTakesTheAmplitudeAndKeepsItsTranslationsUnderAnAzimuthOffset() {
        List<CameraShift> plain = NovelViewPath.DRIFT.shifts(6, 0, null, 0.4, null);
        List<CameraShift> offset = NovelViewPath.DRIFT.shifts(6, 20, null, 0.4, null);
        for (int i = 0; i < 6; i++) {
            assertEquals(0.4, plain.get(i).translation().length(), 1e-12);
            assertEquals(plain.get(i).translation(), offset.get(i).translation());
            assertEquals(plain.get(i).azimuth() + 20, offset.get(i).azimuth(), 1e-9);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NovelViewPath.DRIFT.shifts(6, 0, null, -1.0, null));
        assertTrue(e.getMessage().contains("--translation"), e.getMessage());
    }

    @Test
    void customPathsKeepTheirTranslationShifts() throws IOException {
        Path csv = Files.writeString(dir.resolve("p.csv"), "azimuth,elevation,tx,ty,tz\n0,0,0,0.1,0\n90,0,0,0,-0.1\n");
        List<CameraShift> path = NovelViewPath.CUSTOM.shifts(0, 10, null, null, csv);
        assertEquals(List.of(new CameraShift(10, 0, new Vec3(0, 0.1, 0)), new CameraShift(100, 0, new Vec3(0, 0, -0.1))),
                path);
    }
}
