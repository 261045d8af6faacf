package enr4j.viz;

import enr4j.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Conversions between model tensors and images, and PNG output. Model input from files: {@code data.ImageInput}. */
public final class Images {

    private Images() {
    }

    /**
     * Builds an RGB image from a channel-first float array.
     *
     * @param data RGB values in [0, 1] laid out 3 x H x W (channel, row, column), i.e. the value of
     *             channel {@code c} at row {@code y}, column {@code x} is {@code data[(c * h + y) * w + x]};
     *             values outside [0, 1] are clamped, as torchvision's {@code save_image} does
     * @param h    image height in pixels
     * @param w    image width in pixels
     */
    public static BufferedImage fromChw(float[] data, int h, int w) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + h + " x " + w);
        }
        if (data.length != 3 * h * w) {
            throw new IllegalArgumentException(
                    "expected 3 x " + h + " x " + w + " = " + (3 * h * w) + " floats, got " + data.length);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int rgb = toByte(data[i]) << 16 | toByte(data[plane + i]) << 8 | toByte(data[2 * plane + i]);
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /**
     * Builds an RGB image from a channel-first float array indexed {@code [channel][row][column]}.
     *
     * @param chw RGB values in [0, 1], shape 3 x H x W
     */
    public static BufferedImage fromChw(float[][][] chw) {
        if (chw.length != 3 || chw[0].length == 0) {
            throw new IllegalArgumentException("expected a 3 x H x W array, got " + chw.length + " channels");
        }
        int h = chw[0].length;
        int w = chw[0][0].length;
        float[] flat = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            if (chw[c].length != h) {
                throw new IllegalArgumentException("channel " + c + " has " + chw[c].length + " rows, expected " + h);
            }
            for (int y = 0; y < h; y++) {
                if (chw[c][y].length != w) {
                    throw new IllegalArgumentException(
                            "channel " + c + " row " + y + " has " + chw[c][y].length + " columns, expected " + w);
                }
                System.arraycopy(chw[c][y], 0, flat, (c * h + y) * w, w);
            }
        }
        return fromChw(flat, h, w);
    }

    /**
     * Converts an image to a channel-first float array (3 x H x W, values in [0, 1]), the inverse of
     * {@link #fromChw(float[], int, int)}.
     */
    public static float[] toChw(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        float[] data = new float[3 * plane];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int i = y * w + x;
                data[i] = (rgb >> 16 & 0xFF) / 255f;
                data[plane + i] = (rgb >> 8 & 0xFF) / 255f;
                data[2 * plane + i] = (rgb & 0xFF) / 255f;
            }
        }
        return data;
    }

    /** Returns the image itself when it is already TYPE_INT_RGB, otherwise an opaque RGB copy (alpha dropped onto black). */
    public static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Writes the image as PNG atomically (temp file in the same folder, then rename), creating parent folders. */
    public static void writePng(BufferedImage image, Path target) {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
        });
    }

    private static int toByte(float value) {
        // torchvision: mul(255).add_(0.5).clamp_(0, 255) then truncation to uint8
        float scaled = value * 255f + 0.5f;
        if (!(scaled > 0f)) {
            return 0; // also maps NaN to 0
        }
        return Math.min(255, (int) scaled);
    }
}
