package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.geometry.Interpolation;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ModelConfigTest {

    @Test
    void jsonRoundTrip() {
        ModelConfig c = ModelConfig.reference();
        assertEquals(c, ModelConfig.fromJson(c.toJson(), "x.json"));
    }

    @Test
    void sceneExtentIsOptionalAndRoundTrips() {
        assertEquals(1.0, ModelConfig.reference().sceneExtent());
        assertTrue(!ModelConfig.reference().toJson().has("scene_extent"), "reference configs stay as they were");
        ObjectNode node = ModelConfig.reference().toJson();
        node.put("scene_extent", 1.342);
        ModelConfig c = ModelConfig.fromJson(node, "t.json");
        assertEquals(1.342, c.sceneExtent());
        assertEquals(c, ModelConfig.fromJson(c.toJson(), "t.json"));
        node.put("scene_extent", -2);
        assertThrows(ConfigException.class, () -> ModelConfig.fromJson(node, "t.json"));
        node.put("scene_extent", "far");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelConfig.fromJson(node, "t.json"));
        assertTrue(e.getMessage().contains("scene_extent"));
    }

    @Test
    void mirroredListsFollowTheReferenceRule() {
        ModelConfig c = ModelConfig.reference();
        assertEquals(List.of(64, 64, 128, 128, 128, 32, 32, 32), c.forwardChannels3d());
        assertEquals(List.of(1, 1, 2, 1, 1, -2, 1, 1), c.forwardStrides3d());
        assertEquals(List.of(128, 128, 256, 256, 128, 128, 128, 128, 64, 64, 64), c.forwardChannels2d());
        assertEquals(List.of(1, 1, 2, 1, -2, 1, -2, 1, -2, 1, 1), c.forwardStrides2d());
    }

    @Test
    void strideOneEntryMustKeepTheChannelCount() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ModelConfig(List.of(3, 16, 16),
                List.of(8, 16, 16), List.of(1, 1, 1), List.of(8, 8), List.of(1, 1), List.of(32, 64), List.of(32, 16),
                Interpolation.BILINEAR));
        assertTrue(e.getMessage().contains("\"channels_2d\"[1] = 16"), e.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        assertThrows(ConfigException.class, () -> new ModelConfig(List.of(3, 16, 12), List.of(8), List.of(1),
                List.of(8), List.of(1), List.of(128), List.of(16), Interpolation.BILINEAR), "non-square image");
        ConfigException stride = assertThrows(ConfigException.class, () -> new ModelConfig(List.of(3, 16, 16),
                List.of(8, 16), List.of(1, 3), List.of(8), List.of(1), List.of(128), List.of(16), Interpolation.BILINEAR));
        assertTrue(stride.getMessage().contains("\"strides_2d\"[1] = 3"), stride.getMessage());
        ConfigException lengths = assertThrows(ConfigException.class, () -> new ModelConfig(List.of(3, 16, 16),
                List.of(8, 16), List.of(1), List.of(8), List.of(1), List.of(128), List.of(16), Interpolation.BILINEAR));
        assertTrue(lengths.getMessage().contains("2 entries"), lengths.getMessage());
        ConfigException divisible = assertThrows(ConfigException.class, () -> new ModelConfig(List.of(3, 16, 16),
                List.of(8), List.of(1), List.of(8), List.of(1), List.of(100), List.of(16), Interpolation.BILINEAR));
        assertTrue(divisible.getMessage().contains("multiple of the 2D feature width 16"), divisible.getMessage());
    }

    @Test
    void missingAndMalformedKeysNameTheFile() throws Exception {
        ObjectNode node = ModelConfig.reference().toJson();
        node.remove("strides_3d");
        ConfigException missing = assertThrows(ConfigException.class, () -> ModelConfig.fromJson(node, "my.json"));
        assertEquals("my.json: missing key \"strides_3d\"", missing.getMessage());
        ObjectNode bad = ModelConfig.reference().toJson();
        bad.set("channels_3d", new ObjectMapper().readTree("[32, \"x\"]"));
        ConfigException malformed = assertThrows(ConfigException.class, () -> ModelConfig.fromJson(bad, "my.json"));
        assertTrue(malformed.getMessage().startsWith("my.json: \"channels_3d\" must hold integers"));
        ObjectNode mode = ModelConfig.reference().toJson();
        mode.put("mode", "bicubic");
        ConfigException m = assertThrows(ConfigException.class, () -> ModelConfig.fromJson(mode, "my.json"));
        assertTrue(m.getMessage().contains("bicubic"));
    }
}
