package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.Vec3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class CameraPathCsvTest {

    @TempDir
    Path dir;

    @Test
    void readsAnglesWithHeaderAndComments() throws IOException {
        Path csv = Files.writeString(dir.resolve("path.csv"), "azimuth,elevation\n# turn\n0, 0\n\n45.5,-10\n");
        assertEquals(List.of(new CameraShift(0, 0), new CameraShift(45.5, -10)), CameraPathCsv.read(csv));
    }

    @Test
    void fiveColumnsCarryTranslationShifts() throws IOException {
        Path csv = Files.writeString(dir.resolve("moving.csv"),
                "azimuth, elevation, tx, ty, tz\n0,0,0,0,0\n10,5, 0.1, -0.2, 0.3\n20,5\n");
        assertEquals(List.of(CameraShift.ZERO, new CameraShift(10, 5, new Vec3(0.1, -0.2, 0.3)), new CameraShift(20, 5)),
                CameraPathCsv.read(csv));
    }

    @Test
    void wrongColumnCountsNameFileAndLine() throws IOException {
        for (String bad : List.of("10,20,0.1", "10", "1,2,3,4", "1,2,3,4,5,6", "10,20,")) {
            Path csv = Files.writeString(dir.resolve("cols.csv"), "azimuth,elevation\n0,0\n" + bad + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraPathCsv.read(csv));
            assertTrue(e.getMessage().startsWith(csv + ":3: expected"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void nonNumbersNameFileAndLine() throws IOException {
        for (String bad : List.of("10,abc", "10,5,0,x,0", "NaN,0", "0,0,0,Infinity,0")) {
            Path csv = Files.writeString(dir.resolve("bad.csv"), "0,0\n" + bad + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraPathCsv.read(csv));
            assertTrue(e.getMessage().startsWith(csv + ":2: "), e.getMessage());
            assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        }
    }

    @Test
    void aFileWithoutShiftsIsAnError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "azimuth,elevation,tx,ty,tz\n# nothing\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraPathCsv.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
