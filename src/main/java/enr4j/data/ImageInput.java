package enr4j.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one way a user's picture becomes model input ({@code novel-views}, {@code serve}, the Java API): the file is
 * decoded (PNG, JPEG including CMYK, WebP, GIF, BMP), turned upright by its EXIF orientation, composited onto the
 * background when it has transparency, and then preprocessed exactly as training preprocesses dataset images
 * ({@link ImagePreprocessor}: torchvision's centre crop, here of the largest centred square, and PIL's antialiased
 * bilinear resize). A large photo is therefore filtered, not sampled, on its way down to the model's size.
 *
 * <p>Usage: {@code BufferedImage input = ImageInput.of(model.imageSize()).read(path);}
 *
 * @param size       side of the model-ready image in pixels
 * @param background 0xRRGGBB behind transparent pixels: the background the training images were rendered on
 *                   ({@link #WHITE} for the generators' default and the reference's chairs)
 */
public record ImageInput(int size, int background) {

    /** White, the training data's background unless the dataset was generated with another. */
    public static final int WHITE = 0xFFFFFF;
    /** Largest decoded image accepted; stops a small compressed file from decoding into gigabytes. */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;
    /** Largest image file accepted. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    public ImageInput {
        if (size < 1) {
            throw new IllegalArgumentException("model image size must be positive, got " + size);
        }
        if ((background & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException(String.format("background must be 0xRRGGBB, got 0x%X", background));
        }
    }

    /** Model-ready images of {@code size} pixels on a white background. */
    public static ImageInput of(int size) {
        return new ImageInput(size, WHITE);
    }

    /**
     * Reads an image file.
     *
     * @return a {@code size} x {@code size} RGB image, ready for the model
     * @throws ImageInputException naming the file when it is missing, a directory, too large or not a readable image
     */
    public BufferedImage read(Path file) {
        if (Files.isDirectory(file)) {
            throw new ImageInputException(file + " is a directory, not an image file", false);
        }
        if (!Files.exists(file)) {
            throw new ImageInputException(file + ": no such file", false);
        }
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_FILE_BYTES) {
                throw new ImageInputException(file + ": the image file has " + bytes / (1024 * 1024)
                        + " MiB, more than the " + MAX_FILE_BYTES / (1024 * 1024) + " MiB accepted", true);
            }
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ImageInputException(file + ": cannot read the image file (" + e.getMessage() + ")", false);
        }
    }

    /**
     * Reads an image from its encoded bytes (an upload).
     *
     * @param name what to call it in messages, e.g. the file name or "the upload"
     * @return a {@code size} x {@code size} RGB image, ready for the model
     * @throws ImageInputException naming {@code name} when the bytes are empty, not an image or too large
     */
    public BufferedImage read(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new ImageInputException(name + " is empty", false);
        }
        return prepare(ExifOrientation.apply(ExifOrientation.of(bytes), decode(bytes, name)));
    }

    /**
     * Prepares an already decoded, upright image (e.g. one a Java caller holds).
     *
     * @return a {@code size} x {@code size} RGB image, ready for the model
     */
    public BufferedImage prepare(BufferedImage image) {
        return prepare(toRgb(image));
    }

    private BufferedImage prepare(PngDecoder.RgbImage upright) {
        int side = Math.min(upright.width(), upright.height());
        byte[] chw = new ImagePreprocessor(side, size).process(upright);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int rgb = (chw[i] & 0xFF) << 16 | (chw[plane + i] & 0xFF) << 8 | chw[2 * plane + i] & 0xFF;
            out.setRGB(i % size, i / size, rgb);
        }
        return out;
    }

    private PngDecoder.RgbImage decode(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage(name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ImageInputException(name + ": the image is too large: " + reader.getWidth(0) + " x "
                            + reader.getHeight(0) + " px exceeds " + MAX_PIXELS / (1024 * 1024) + " megapixels", true);
                }
                return toRgb(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageInputException known) {
                throw known;
            }
            throw notAnImage(name);
        }
    }

    /**
     * Stored RGB values of sRGB, grey and palette images, as training reads them, with transparent pixels composited
     * onto the background; images in other colour spaces (CMYK, ICC profiles) are converted to sRGB first.
     */
    private PngDecoder.RgbImage toRgb(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        boolean standard = cm instanceof IndexColorModel || cm.getColorSpace().isCS_sRGB()
                || cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (!standard || cm.isAlphaPremultiplied()) {
            return PngDecoder.toRgb(converted(image));
        }
        PngDecoder.RgbImage rgb = PngDecoder.toRgb(image);
        if (cm.hasAlpha()) {
            compositeOntoBackground(rgb, alpha(image));
        }
        return rgb;
    }

    /** Blends each pixel over the background: {@code c * a + background * (1 - a)}, rounded. */
    private void compositeOntoBackground(PngDecoder.RgbImage rgb, int[] alpha) {
        byte[] values = rgb.rgb();
        int[] behind = {background >> 16 & 0xFF, background >> 8 & 0xFF, background & 0xFF};
        for (int i = 0; i < alpha.length; i++) {
            int a = alpha[i];
            for (int c = 0; c < 3; c++) {
                int v = values[3 * i + c] & 0xFF;
                values[3 * i + c] = (byte) Math.round((v * a + behind[c] * (255 - a)) / 255f);
            }
        }
    }

    /** Alpha of every pixel, 0..255, row-major. */
    private static int[] alpha(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        if (image.getColorModel() instanceof IndexColorModel icm) {
            int[] alpha = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = icm.getAlpha(alpha[i]);
            }
            return alpha;
        }
        int band = raster.getNumBands() - 1;
        int shift = Math.max(0, raster.getSampleModel().getSampleSize(band) - 8);
        int[] alpha = raster.getSamples(0, 0, w, h, band, (int[]) null);
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] >>= shift;
        }
        return alpha;
    }

    /** An sRGB copy drawn over the background. */
    private BufferedImage converted(BufferedImage image) {
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(new Color(background));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    }

    private static ImageInputException notAnImage(String name) {
        return new ImageInputException(name + " is not an image this program can read (use PNG, JPEG, WebP, GIF or BMP)",
                false);
    }
}
