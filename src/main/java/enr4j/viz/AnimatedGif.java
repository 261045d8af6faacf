package enr4j.viz;

import enr4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes animated GIFs that loop forever (NETSCAPE2.0 application extension, loop count 0) with the JDK's
 * {@code javax.imageio} GIF writer. Frames are converted to TYPE_INT_RGB; the writer quantises each frame to its own
 * 256-colour palette.
 */
public final class AnimatedGif {

    /** Frame delay used when none is given: 50 ms, i.e. 20 frames per second. */
    public static final Duration DEFAULT_FRAME_DELAY = Duration.ofMillis(50);

    private static final String GIF_METADATA_FORMAT = "javax_imageio_gif_image_1.0";
    /** Browsers replace delays below 20 ms with 100 ms, so shorter delays would play slower, not faster. */
    private static final Duration MIN_FRAME_DELAY = Duration.ofMillis(20);

    private AnimatedGif() {
    }

    /** Writes the frames with {@link #DEFAULT_FRAME_DELAY}. */
    public static void write(List<BufferedImage> frames, Path target) {
        write(frames, target, DEFAULT_FRAME_DELAY);
    }

    /**
     * Writes the frames as a GIF that loops forever, atomically (temp file, then rename).
     *
     * @param frames     at least one frame; all frames must have the same size
     * @param target     the .gif file to write
     * @param frameDelay time each frame is shown, at least 20 ms; GIF stores it in hundredths of a second, so it is
     *                   rounded to the nearest 10 ms
     */
    public static void write(List<BufferedImage> frames, Path target, Duration frameDelay) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("cannot write " + target + ": no frames");
        }
        if (frameDelay.compareTo(MIN_FRAME_DELAY) < 0) {
            throw new IllegalArgumentException(
                    "frame delay must be at least " + MIN_FRAME_DELAY.toMillis() + " ms, got " + frameDelay.toMillis() + " ms");
        }
        BufferedImage first = frames.get(0);
        for (int k = 1; k < frames.size(); k++) {
            BufferedImage frame = frames.get(k);
            if (frame.getWidth() != first.getWidth() || frame.getHeight() != first.getHeight()) {
                throw new IllegalArgumentException("cannot write " + target + ": frame " + k + " is " + frame.getWidth()
                        + " x " + frame.getHeight() + " px but frame 0 is " + first.getWidth() + " x " + first.getHeight() + " px");
            }
        }
        int delayCentiseconds = Math.toIntExact(Math.round(frameDelay.toMillis() / 10.0));
        AtomicFiles.write(target, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                for (int k = 0; k < frames.size(); k++) {
                    BufferedImage frame = Images.toRgb(frames.get(k));
                    IIOMetadata metadata = frameMetadata(writer, param, frame, delayCentiseconds, k == 0);
                    writer.writeToSequence(new IIOImage(frame, null, metadata), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage frame,
                                             int delayCentiseconds, boolean firstFrame) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA_FORMAT);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));

        if (firstFrame) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            // sub-block id 1, then the loop count as little-endian 16 bits; 0 means forever
            loop.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        try {
            metadata.setFromTree(GIF_METADATA_FORMAT, root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("GIF writer rejected frame metadata: " + e.getMessage(), e);
        }
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
