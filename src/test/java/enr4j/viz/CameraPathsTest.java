package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraPathsTest {

    @TempDir
    Path dir;

    @Test
    void orbitTurnsAzimuthAtFixedElevation() {
        List<ViewAngles> path = CameraPaths.orbit(4, 15);
        assertEquals(List.of(new ViewAngles(0, 15), new ViewAngles(90, 15), new ViewAngles(180, 15), new ViewAngles(270, 15)), path);
    }

    @Test
    void spiralOscillatesElevationDuringTheTurn() {
        List<ViewAngles> path = CameraPaths.spiral(4, -10, 30);
        assertEquals(4, path.size());
        double[] expectedElevations = {10, 30, 10, -10};
        for (int i = 0; i < 4; i++) {
            assertEquals(90.0 * i, path.get(i).azimuth(), 1e-9);
            assertEquals(expectedElevations[i], path.get(i).elevation(), 1e-9);
        }
    }

    @Test
    void elevationSweepKeepsSourceAzimuth() {
        List<ViewAngles> path = CameraPaths.elevation(4, 0, 60);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, path.get(i).azimuth());
        }
        assertEquals(60, path.get(2).elevation(), 1e-9);
    }

    @Test
    void relativeToAddsShiftsToSourceAngles() {
        List<ViewAngles> absolute = CameraPaths.relativeTo(new ViewAngles(30, 20), CameraPaths.orbit(2, -5));
        assertEquals(List.of(new ViewAngles(30, 15), new ViewAngles(210, 15)), absolute);
    }

    @Test
    void readsCsvWithHeaderAndComments() throws IOException {
        Path csv = Files.writeString(dir.resolve("path.csv"), "azimuth,elevation\n# turn\n0, 0\n\n45.5,-10\n");
        assertEquals(List.of(new ViewAngles(0, 0), new ViewAngles(45.5, -10)), CameraPaths.fromCsv(csv));
    }

    @Test
    void csvErrorsNameFileAndLine() throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "0,0\n10,abc\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraPaths.fromCsv(csv));
        assertTrue(e.getMessage().contains("bad.csv:2"), e.getMessage());

        Path empty = Files.writeString(dir.resolve("empty.csv"), "# nothing\n");
        assertThrows(IllegalArgumentException.class, () -> CameraPaths.fromCsv(empty));
        assertThrows(IllegalArgumentException.class, () -> CameraPaths.custom(List.of()));
    }
}
