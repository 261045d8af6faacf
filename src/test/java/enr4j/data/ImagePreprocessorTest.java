package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ImagePreprocessorTest {

    @TempDir
    Path dir;

    @Test
    void cropOffsetMatchesTorchvisionRounding() {
        assertEquals(1, ImagePreprocessor.cropOffset(130, 128));
        assertEquals(0, ImagePreprocessor.cropOffset(129, 128)); // round(0.5) = 0 (half-even)
        assertEquals(2, ImagePreprocessor.cropOffset(131, 128)); // round(1.5) = 2
        assertEquals(-1, ImagePreprocessor.cropOffset(126, 128));
        assertEquals(-1, ImagePreprocessor.cropOffset(125, 128)); // pad left/top = 3 // 2
    }

    @Test
    void centreCropTakesMiddleAndIsChannelFirst() {
        // 4 x 4 image, pixel value = 10 * y + x in red, 100 + that in green, 200 in blue; crop 2 -> rows/cols 1..2
        byte[] rgb = new byte[4 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int p = (y * 4 + x) * 3;
                rgb[p] = (byte) (10 * y + x);
                rgb[p + 1] = (byte) (100 + 10 * y + x);
                rgb[p + 2] = (byte) 200;
            }
        }
        byte[] out = new ImagePreprocessor(2, 2).process(new PngDecoder.RgbImage(4, 4, rgb));
        assertArrayEquals(new byte[] {11, 12, 21, 22, 111, 112, 121, 122,
                (byte) 200, (byte) 200, (byte) 200, (byte) 200}, out);
    }

    @Test
    void smallerImageIsZeroPadded() {
        byte[] rgb = new byte[] {50, 60, 70};
        byte[] out = new ImagePreprocessor(3, 3).process(new PngDecoder.RgbImage(1, 1, rgb));
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 9; i++) {
                int expected = i == 4 ? 50 + 10 * c : 0;
                assertEquals(expected, out[c * 9 + i] & 0xFF, "channel " + c + " pixel " + i);
            }
        }
    }

    @Test
    void bilinearDownscaleUsesAntialiasedTriangleFilter() {
        // One row 0,70,140,210 (all rows equal) downscaled 4 -> 2. PIL bilinear with support 2:
        // out0 = (3*0 + 3*70 + 1*140) / 7 = 50, out1 = (1*70 + 3*140 + 3*210) / 7 = 160.
        byte[] rgb = new byte[4 * 4 * 3];
        int[] row = {0, 70, 140, 210};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * 4 + x) * 3 + c] = (byte) row[x];
                }
            }
        }
        byte[] out = new ImagePreprocessor(4, 2).process(new PngDecoder.RgbImage(4, 4, rgb));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                assertEquals(50, out[c * 4 + y * 2] & 0xFF);
                assertEquals(160, out[c * 4 + y * 2 + 1] & 0xFF);
            }
        }
    }

    @Test
    void rgbaPngKeepsStoredRgbWithoutCompositing() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00C81E0A); // alpha 0, rgb (200, 30, 10)
        image.setRGB(1, 0, 0x80102030); // alpha 128, rgb (16, 32, 48)
        Path file = dir.resolve("rgba.png");
        Files.write(file, DatasetWriter.encodePng(image));
        PngDecoder.RgbImage decoded = PngDecoder.read(file);
        assertArrayEquals(new byte[] {(byte) 200, 30, 10, 16, 32, 48}, decoded.rgb());
    }
}
