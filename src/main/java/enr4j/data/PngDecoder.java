package enr4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes image files (PNG and anything else {@link ImageIO} reads) to interleaved 8-bit RGB.
 * For RGBA images only the stored RGB values are kept: no compositing against a background
 * (same as the reference, which takes {@code img[:3]}). Grey images are replicated to three channels,
 * palette images are expanded, 16-bit samples are reduced to their high byte.
 */
public final class PngDecoder {

    private PngDecoder() {
    }

    /**
     * Decoded image.
     *
     * @param width  columns
     * @param height rows
     * @param rgb    uint8, height x width x 3, row-major, interleaved RGB
     */
    public record RgbImage(int width, int height, byte[] rgb) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws DatasetException naming the file when it is missing or cannot be decoded
     */
    public static RgbImage read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read image: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException(file + ": not a readable image (unsupported or corrupt format)");
        }
        return toRgb(image);
    }

    /** Converts a decoded image to interleaved RGB, keeping stored values (no alpha compositing). */
    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel icm) {
            int[] idx = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < idx.length; i++) {
                out[3 * i] = (byte) icm.getRed(idx[i]);
                out[3 * i + 1] = (byte) icm.getGreen(idx[i]);
                out[3 * i + 2] = (byte) icm.getBlue(idx[i]);
            }
            return new RgbImage(w, h, out);
        }
        int bands = raster.getNumBands();
        int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                if (bands >= 3) {
                    out[o++] = (byte) (row[p] >> shift);
                    out[o++] = (byte) (row[p + 1] >> shift);
                    out[o++] = (byte) (row[p + 2] >> shift);
                } else {
                    byte g = (byte) (row[p] >> shift);
                    out[o++] = g;
                    out[o++] = g;
                    out[o++] = g;
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
