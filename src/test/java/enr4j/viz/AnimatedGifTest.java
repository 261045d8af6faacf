package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class AnimatedGifTest {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    @TempDir
    Path dir;

    private static List<BufferedImage> colouredFrames(int count) {
        List<BufferedImage> frames = new ArrayList<>();
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF};
        for (int k = 0; k < count; k++) {
            BufferedImage frame = new BufferedImage(8, 6, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 8; x++) {
                    frame.setRGB(x, y, 0xFF000000 | colours[k % colours.length]);
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static IIOMetadataNode find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return (IIOMetadataNode) node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            IIOMetadataNode found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void writesAllFramesLoopingForeverWithTheDelay() throws IOException {
        Path gif = dir.resolve("orbit.gif");
        AnimatedGif.write(colouredFrames(5), gif, Duration.ofMillis(80));

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true));

            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree(FORMAT);
            IIOMetadataNode loop = find(first, "ApplicationExtension");
            assertNotNull(loop, "first frame has no application extension");
            assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
            assertEquals("2.0", loop.getAttribute("authenticationCode"));
            byte[] block = (byte[]) loop.getUserObject();
            int loopCount = (block[1] & 0xFF) | (block[2] & 0xFF) << 8;
            assertEquals(1, block[0]);
            assertEquals(0, loopCount, "loop count 0 means forever");

            for (int k = 0; k < 5; k++) {
                IIOMetadataNode frame = (IIOMetadataNode) reader.getImageMetadata(k).getAsTree(FORMAT);
                assertEquals("8", find(frame, "GraphicControlExtension").getAttribute("delayTime"), "frame " + k);
            }
            assertEquals(0x0000FF, reader.read(2).getRGB(3, 3) & 0xFFFFFF);
            assertEquals(0x00FFFF, reader.read(4).getRGB(7, 5) & 0xFFFFFF);
            reader.dispose();
        }
        assertArrayEquals(new Object[] {gif}, Files.list(dir).toArray());
    }

    @Test
    void defaultDelayIsFiftyMilliseconds() throws IOException {
        Path gif = dir.resolve("default.gif");
        AnimatedGif.write(colouredFrames(2), gif);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadataNode frame = (IIOMetadataNode) reader.getImageMetadata(1).getAsTree(FORMAT);
            assertEquals("5", find(frame, "GraphicControlExtension").getAttribute("delayTime"));
            reader.dispose();
        }
    }

    @Test
    void rejectsBadInputWithoutLeavingAFile() {
        Path gif = dir.resolve("bad.gif");
        assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(List.of(), gif));
        assertThrows(IllegalArgumentException.class,
                () -> AnimatedGif.write(colouredFrames(2), gif, Duration.ofMillis(5)));
        List<BufferedImage> mixed = new ArrayList<>(colouredFrames(1));
        mixed.add(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnimatedGif.write(mixed, gif));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        assertFalse(Files.exists(gif));
    }
}
