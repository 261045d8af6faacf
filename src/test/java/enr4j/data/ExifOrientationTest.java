package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ExifOrientationTest {

    /** A 3 x 2 image whose pixels are the letters a..f (one grey level each), read back as rows of letters. */
    private static final PngDecoder.RgbImage STORED = letters(3, 2, "abcdef");

    private static PngDecoder.RgbImage letters(int w, int h, String pixels) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < pixels.length(); i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) pixels.charAt(i);
        }
        return new PngDecoder.RgbImage(w, h, rgb);
    }

    private static String rows(PngDecoder.RgbImage image) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < image.height(); y++) {
            text.append(y == 0 ? "" : "/");
            for (int x = 0; x < image.width(); x++) {
                text.append((char) image.rgb()[(y * image.width() + x) * 3]);
            }
        }
        return text.toString();
    }

    @Test
    void everyOrientationTurnsOrMirrorsAsTheExifTableSays() {
        assertEquals("abc/def", rows(ExifOrientation.apply(1, STORED)));
        assertEquals("cba/fed", rows(ExifOrientation.apply(2, STORED))); // mirrored horizontally
        assertEquals("fed/cba", rows(ExifOrientation.apply(3, STORED))); // turned 180
        assertEquals("def/abc", rows(ExifOrientation.apply(4, STORED))); // mirrored vertically
        assertEquals("ad/be/cf", rows(ExifOrientation.apply(5, STORED))); // transposed
        assertEquals("da/eb/fc", rows(ExifOrientation.apply(6, STORED))); // turned 90 clockwise
        assertEquals("fc/eb/da", rows(ExifOrientation.apply(7, STORED))); // transversed
        assertEquals("cf/be/ad", rows(ExifOrientation.apply(8, STORED))); // turned 90 counter-clockwise
    }

    @Test
    void readsTheTagFromJpegsAndIgnoresEverythingElse() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpeg", jpeg);
        assertEquals(ExifOrientation.UPRIGHT, ExifOrientation.of(jpeg.toByteArray()));
        assertEquals(6, ExifOrientation.of(Jpegs.withOrientation(jpeg.toByteArray(), 6)));
        assertEquals(3, ExifOrientation.of(Jpegs.withOrientation(jpeg.toByteArray(), 3)));
        assertEquals(ExifOrientation.UPRIGHT, ExifOrientation.of(Jpegs.withOrientation(jpeg.toByteArray(), 9)));
        assertEquals(ExifOrientation.UPRIGHT, ExifOrientation.of("not a jpeg".getBytes()));
        byte[] truncated = java.util.Arrays.copyOf(Jpegs.withOrientation(jpeg.toByteArray(), 6), 20);
        assertEquals(ExifOrientation.UPRIGHT, ExifOrientation.of(truncated));
    }
}
