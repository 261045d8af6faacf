package enr4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** Reads back what a GIF file holds: frame count and NETSCAPE2.0 loop count (for tests). */
public final class GifFiles {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    /** @param frames frames in the file; @param loopCount NETSCAPE2.0 loop count (0 = forever, -1 = no extension) */
    public record Info(int frames, int loopCount, int width, int height) {
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
            if (app != null && "NETSCAPE".equals(app.getAttribute("applicationID"))) {
                byte[] block = (byte[]) app.getUserObject();
                loop = (block[1] & 0xFF) | (block[2] & 0xFF) << 8;
            }
            return new Info(frames, loop, reader.getWidth(0), reader.getHeight(0));
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
