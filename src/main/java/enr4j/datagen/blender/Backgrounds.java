package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import enr4j.datagen.synth.Background;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Puts Blender's transparent renders on the dataset's background, in Java so every pipeline's background means the
 * same ({@link Background}): a colour gives an opaque RGB image ({@code alpha * rgb + (1 - alpha) * background}),
 * transparent keeps the alpha and zeroes the colour of fully transparent pixels.
 */
public final class Backgrounds {

    private Backgrounds() {
    }

    /** Reads a PNG written by Blender and composites it: see the class comment. */
    public static BufferedImage read(Path png, Background background) {
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new DatasetException("cannot read Blender's render " + png + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetException("not a PNG image: " + png);
        }
        return composite(image, background);
    }

    /** @return {@code image} (straight alpha) over {@code background} */
    public static BufferedImage composite(BufferedImage image, Background background) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h,
                background.transparent() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int a = argb >>> 24;
                if (background.transparent()) {
                    out.setRGB(x, y, a == 0 ? 0 : argb);
                } else {
                    int r = blend((argb >> 16) & 0xFF, background.red(), a);
                    int g = blend((argb >> 8) & 0xFF, background.green(), a);
                    int b = blend(argb & 0xFF, background.blue(), a);
                    out.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }

    private static int blend(int foreground, int background, int alpha) {
        return (foreground * alpha + background * (255 - alpha) + 127) / 255;
    }
}
