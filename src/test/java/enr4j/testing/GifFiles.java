package enr4j.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** Reads back what a GIF file holds: frames, NETSCAPE2.0 loop count, per-frame delays (for tests). */
public final class GifFiles {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    /**
     * @param frames    frames in the file
     * @param loopCount loop count of a NETSCAPE2.0 loop sub-block (id 1) on the first frame (0 = forever), -1 when
     *                  there is no such block
     * @param delays    each frame's delay in hundredths of a second
     * @param images    the decoded frames
     */
    public record Info(int frames, int loopCount, int width, int height, List<Integer> delays,
                       List<BufferedImage> images) {
    }

    private GifFiles() {}

    public static Info read(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree(FORMAT);
            IIOMetadataNode app = find(first, "ApplicationExtension");
            int loop = -1;
            byte[] block = app == null ? null : (byte[]) app.getUserObject();
            if (app != null && "NETSCAPE".equals(app.getAttribute("applicationID"))
                    && "2.0".equals(app.getAttribute("authenticationCode")) && block.length >= 3 && block[0] == 1) {
                loop = (block[1] & 0xFF) | (block[2] & 0xFF) << 8;
            }
            List<Integer> delays = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (int k = 0; k < frames; k++) {
                IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(k).getAsTree(FORMAT);
                IIOMetadataNode control = find(meta, "GraphicControlExtension");
                delays.add(control == null ? -1 : Integer.parseInt(control.getAttribute("delayTime")));
                images.add(reader.read(k));
            }
            Info info = new Info(frames, loop, reader.getWidth(0), reader.getHeight(0), delays, images);
            reader.dispose();
            return info;
        }
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
}
