package enr4j.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Turns uploaded bytes into an image, refusing what ImageIO cannot decode (415) and images with too many pixels (413). */
final class UploadDecoder {

    /** Enough for any photo; stops a small compressed file from decoding into gigabytes. */
    static final long MAX_PIXELS = 64L * 1024 * 1024;

    private UploadDecoder() {
    }

    static BufferedImage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new HttpError(400, "the upload is empty: send the image file as the request body");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new HttpError(413, "the image is too large: " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " px exceeds " + MAX_PIXELS / (1024 * 1024) + " megapixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof HttpError error) {
                throw error;
            }
            throw notAnImage();
        }
    }

    private static HttpError notAnImage() {
        return new HttpError(415, "the upload is not an image this viewer can read (use PNG, JPEG, GIF or BMP)");
    }
}
