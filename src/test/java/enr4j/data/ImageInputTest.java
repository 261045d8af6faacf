package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ImageInputTest {

    @TempDir
    Path dir;

    private Path png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    private static int channel(int rgb, int shift) {
        return rgb >> shift & 0xFF;
    }

    @Test
    void aStripedLargePhotoGetsTheTrainingPreprocessingNotAliasing() throws IOException {
        BufferedImage stripes = new BufferedImage(700, 560, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 560; y++) {
            for (int x = 0; x < 700; x++) {
                stripes.setRGB(x, y, (x / 2 + y / 3) % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }
        Path file = png(stripes, "stripes.png");

        BufferedImage input = ImageInput.of(64).read(file);

        // the dataset reader's path: decode, centre crop (here the whole 560 px square), PIL-style resize
        byte[] training = new ImagePreprocessor(560, 64).process(PngDecoder.read(file));
        double sum = 0;
        double squares = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = input.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int value = channel(rgb, 16 - 8 * c);
                    int expected = training[(c * 64 + y) * 64 + x] & 0xFF;
                    assertTrue(Math.abs(value - expected) <= 1, "pixel " + x + "," + y + " channel " + c + ": " + value
                            + " against the training path's " + expected);
                    sum += value;
                    squares += (double) value * value;
                }
            }
        }
        double n = 3 * 64 * 64;
        double std = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertEquals(127.5, sum / n, 4, "stripes average to grey");
        assertTrue(std < 12, "a filtered resize leaves little of 2 px stripes, std " + std);
    }

    @Test
    void transparentPixelsAreCompositedOntoTheTrainingBackground() throws IOException {
        BufferedImage rgba = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                rgba.setRGB(x, y, x < 20 ? 0x00000000 : 0x80FF0000); // clear left, half-transparent red right
            }
        }
        Path file = png(rgba, "cutout.png");

        BufferedImage onWhite = ImageInput.of(40).read(file);
        assertEquals(0xFFFFFF, onWhite.getRGB(5, 5) & 0xFFFFFF, "a clear pixel shows the white background");
        int blended = onWhite.getRGB(30, 30);
        assertEquals(255, channel(blended, 16));
        assertEquals(127, channel(blended, 8), 1, "half red over white: green 255 * (1 - 128/255)");
        assertEquals(127, channel(blended, 0), 1);

        BufferedImage onGrey = new ImageInput(40, 0x204060).read(file);
        assertEquals(0x204060, onGrey.getRGB(5, 5) & 0xFFFFFF);
    }

    @Test
    void transparentPaletteEntriesAreCompositedToo() throws IOException {
        byte[] none = {0, 0};
        IndexColorModel palette = new IndexColorModel(8, 2, none, none, new byte[] {0, (byte) 255},
                new byte[] {0, (byte) 255}); // entry 0 clear, entry 1 opaque blue
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int x = 4; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                indexed.getRaster().setSample(x, y, 0, 1);
            }
        }
        BufferedImage input = ImageInput.of(8).read(png(indexed, "palette.png"));
        assertEquals(0xFFFFFF, input.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0x0000FF, input.getRGB(6, 1) & 0xFFFFFF);
    }

    @Test
    void readsLosslessWebp() {
        int[] argb = new int[24 * 24];
        for (int i = 0; i < argb.length; i++) {
            int x = i % 24;
            int y = i / 24;
            argb[i] = 0xFF000000 | (x * 10) << 16 | (y * 10) << 8 | (x * y) & 0xFF;
        }
        argb[0] = 0x00123456; // one clear pixel: composited onto white
        BufferedImage input = ImageInput.of(24).read(LosslessWebp.encode(24, 24, argb), "generated.webp");
        assertEquals(0xFFFFFF, input.getRGB(0, 0) & 0xFFFFFF);
        for (int i = 1; i < argb.length; i++) {
            assertEquals(argb[i] & 0xFFFFFF, input.getRGB(i % 24, i / 24) & 0xFFFFFF, "pixel " + i);
        }
    }

    @Test
    void readsCmykJpeg() throws IOException {
        // Adobe CMYK: four components stored inverted (255 = no ink), as Photoshop writes them
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                cmyk.setPixel(x, y, x < 16 ? new int[] {0, 255, 255, 255} : new int[] {255, 255, 255, 255});
            }
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(encoded)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        BufferedImage input = ImageInput.of(32).read(Jpegs.insertAfterSoi(encoded.toByteArray(), adobe), "cmyk.jpg");

        int cyan = input.getRGB(4, 16);
        assertTrue(channel(cyan, 16) < 80 && channel(cyan, 8) > 150 && channel(cyan, 0) > 180,
                "full cyan ink reads as cyan, got " + Integer.toHexString(cyan));
        int paper = input.getRGB(28, 16);
        assertTrue(channel(paper, 16) > 230 && channel(paper, 8) > 230 && channel(paper, 0) > 230,
                "no ink reads as white, got " + Integer.toHexString(paper));
    }

    @Test
    void exifOrientationTurnsTheImageUpright() throws IOException {
        // stored 30 x 20: red top half, blue bottom half, as a camera held sideways records it
        BufferedImage stored = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                stored.setRGB(x, y, y < 10 ? 0xFF0000 : 0x0000FF);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(stored, "jpeg", jpeg));

        BufferedImage asStored = ImageInput.of(20).read(jpeg.toByteArray(), "plain.jpg");
        assertTrue(isRed(asStored.getRGB(3, 3)) && isRed(asStored.getRGB(16, 3)), "no EXIF: kept as stored");

        // orientation 6: shown turned 90 degrees clockwise, so the stored top (red) is on the right
        BufferedImage turned = ImageInput.of(20).read(Jpegs.withOrientation(jpeg.toByteArray(), 6), "turned.jpg");
        assertTrue(isBlue(turned.getRGB(3, 3)) && isBlue(turned.getRGB(3, 16)), "left half blue");
        assertTrue(isRed(turned.getRGB(16, 3)) && isRed(turned.getRGB(16, 16)), "right half red");

        BufferedImage other = ImageInput.of(20).read(Jpegs.withOrientation(jpeg.toByteArray(), 8), "other.jpg");
        assertTrue(isRed(other.getRGB(3, 10)) && isBlue(other.getRGB(16, 10)), "orientation 8 turns the other way");
    }

    @Test
    void refusesWhatIsNotAnImageWithOneLineNamingIt() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not a picture");
        ImageInputException notImage = assertThrows(ImageInputException.class, () -> ImageInput.of(8).read(text));
        assertTrue(notImage.getMessage().startsWith(text.toString()) && !notImage.tooLarge(), notImage.getMessage());

        ImageInputException folder = assertThrows(ImageInputException.class, () -> ImageInput.of(8).read(dir));
        assertTrue(folder.getMessage().contains("is a directory"), folder.getMessage());

        ImageInputException empty = assertThrows(ImageInputException.class,
                () -> ImageInput.of(8).read(new byte[0], "the upload"));
        assertEquals("the upload is empty", empty.getMessage());
        assertThrows(ImageInputException.class, () -> ImageInput.of(8).read(dir.resolve("missing.png")));
    }

    @Test
    void centreCropTakesTheMiddleSquare() {
        BufferedImage wide = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 10; x < 20; x++) {
                wide.setRGB(x, y, 0x00FF00);
            }
        }
        BufferedImage square = ImageInput.of(5).prepare(wide);
        assertEquals(5, square.getWidth());
        assertEquals(5, square.getHeight());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(0x00FF00, square.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
    }

    private static boolean isRed(int rgb) {
        return channel(rgb, 16) > 200 && channel(rgb, 8) < 60 && channel(rgb, 0) < 60;
    }

    private static boolean isBlue(int rgb) {
        return channel(rgb, 16) < 60 && channel(rgb, 8) < 60 && channel(rgb, 0) > 200;
    }
}
