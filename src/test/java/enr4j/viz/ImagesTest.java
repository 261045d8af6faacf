package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ImagesTest {

    @TempDir
    Path dir;

    @Test
    void fromChwReadsChannelPlanesRowMajor() {
        int h = 2;
        int w = 3;
        float[] data = new float[3 * h * w];
        // pixel (x=2, y=1): red 1.0, green 0.5, blue 0.0
        data[(0 * h + 1) * w + 2] = 1f;
        data[(1 * h + 1) * w + 2] = 0.5f;
        // pixel (x=0, y=0): blue only, out of range values are clamped
        data[(2 * h + 0) * w + 0] = 7f;
        data[(0 * h + 0) * w + 0] = -3f;

        BufferedImage image = Images.fromChw(data, h, w);

        assertEquals(w, image.getWidth());
        assertEquals(h, image.getHeight());
        assertEquals(0xFF8000, image.getRGB(2, 1) & 0xFFFFFF);
        assertEquals(0x0000FF, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x000000, image.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void nestedChwMatchesFlatLayoutAndRoundTrips() {
        float[][][] chw = new float[3][2][2];
        chw[0][0][1] = 1f;
        chw[1][1][0] = 1f;
        chw[2][1][1] = 0.2f;
        BufferedImage image = Images.fromChw(chw);
        assertEquals(0xFF0000, image.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, image.getRGB(0, 1) & 0xFFFFFF);
        float[] back = Images.toChw(image);
        assertEquals(1f, back[1]);
        assertEquals(1f, back[4 + 2]);
        assertEquals(51 / 255f, back[8 + 3], 1e-6);
    }

    @Test
    void fromChwRejectsWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.fromChw(new float[10], 2, 2));
        assertTrue(e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void writePngIsReadableAndLeavesNoTempFiles() throws IOException {
        BufferedImage image = Images.fromChw(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, 2, 2);
        Path target = dir.resolve("sub/out.png");

        Images.writePng(image, target);

        BufferedImage read = ImageIO.read(target.toFile());
        assertEquals(0xFF0000, read.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, read.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, read.getRGB(0, 1) & 0xFFFFFF);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertArrayEquals(new Object[] {target}, files.toArray());
        }
    }
}
