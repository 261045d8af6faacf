package enr4j.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Test pictures with an asymmetric pattern, so rotated views differ visibly from the source. */
public final class TestImages {

    private TestImages() {
    }

    /** A w x h picture: blue background, a red block top-left, a yellow bar along the bottom. */
    public static BufferedImage pattern(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x2040A0));
            g.fillRect(0, 0, w, h);
            g.setColor(Color.RED);
            g.fillRect(w / 8, h / 8, w / 3, h / 3);
            g.setColor(Color.YELLOW);
            g.fillRect(0, h * 3 / 4, w, h / 8);
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
