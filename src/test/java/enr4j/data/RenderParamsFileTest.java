package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class RenderParamsFileTest {

    @TempDir
    Path dir;

    private Path json(String content) throws Exception {
        Path file = dir.resolve("render_params.json");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsAnglesToleratesExtraKeysAndDefaultsTranslation() throws Exception {
        Path file = json("{\"00001\": {\"azimuth\": -30.5, \"elevation\": 12, \"light\": [1,2], \"name\": \"x\"},"
                + " \"00000\": {\"azimuth\": 10, \"elevation\": 5, \"translation\": [0.1, -0.2, 0.3]}}");
        Map<String, CameraPose> params = RenderParamsFile.read(file, false);
        assertEquals(List.of("00000", "00001"), List.copyOf(params.keySet()));
        assertEquals(new CameraPose(10, 5, new Vec3(0.1f, -0.2f, 0.3f)), params.get("00000"));
        assertEquals(new CameraPose(-30.5, 12, Vec3.ZERO), params.get("00001"));
    }

    @Test
    void convertsRadiansToDegrees() throws Exception {
        Path file = json("{\"00000\": {\"azimuth\": 3.141592653589793, \"elevation\": -0.5235987755982988}}");
        CameraPose p = RenderParamsFile.read(file, true).get("00000");
        assertEquals(180.0, p.azimuth(), 1e-9);
        assertEquals(-30.0, p.elevation(), 1e-9);
    }

    @Test
    void nonNumericAngleNamesFileIndexAndKey() throws Exception {
        Path file = json("{\"00003\": {\"azimuth\": \"north\", \"elevation\": 5}}");
        DatasetException e = assertThrows(DatasetException.class, () -> RenderParamsFile.read(file, false));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("00003"), e.getMessage());
        assertTrue(e.getMessage().contains("azimuth"), e.getMessage());
    }

    @Test
    void missingKeyAndBadTranslationAndBadJsonAreReported() throws Exception {
        Path missing = json("{\"00000\": {\"azimuth\": 1}}");
        assertTrue(assertThrows(DatasetException.class, () -> RenderParamsFile.read(missing, false))
                .getMessage().contains("elevation"));
        Path badT = json("{\"00000\": {\"azimuth\": 1, \"elevation\": 2, \"translation\": [1, 2]}}");
        assertTrue(assertThrows(DatasetException.class, () -> RenderParamsFile.read(badT, false))
                .getMessage().contains("translation"));
        Path broken = json("{\"00000\": ");
        assertTrue(assertThrows(DatasetException.class, () -> RenderParamsFile.read(broken, false))
                .getMessage().startsWith(broken + ": not valid JSON at line 1"));
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        List<CameraPose> views = List.of(new CameraPose(-179.25, 44.5, new Vec3(0.25f, -0.125f, 0f)),
                new CameraPose(0.1, -10, new Vec3(1f, 2f, 3f)));
        Path file = dir.resolve("rt.json");
        Files.write(file, RenderParamsFile.toJson(views, true));
        Map<String, CameraPose> read = RenderParamsFile.read(file, false);
        assertEquals(views.get(0), read.get("00000"));
        assertEquals(views.get(1), read.get("00001"));
        Files.write(file, RenderParamsFile.toJson(views, false));
        assertEquals(Vec3.ZERO, RenderParamsFile.read(file, false).get("00001").translation());
    }
}
