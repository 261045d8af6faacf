package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images smaller than the crop are used whole, never padded with black (a 64 px dataset with crop 128). */
@Tag("fast")
class SmallImageCropTest {
    @TempDir
    Path dir;

    @Test
    void cropLargerThanTheImagesKeepsEveryPixel() {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(200, 100, 50));
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        DatasetWriter writer = new DatasetWriter(dir, false);
        for (String scene : List.of("a", "b")) {
            writer.writeScene(scene, List.of(img, img), List.of(new CameraPose(0, 0, Vec3.ZERO),
                    new CameraPose(90, 10, Vec3.ZERO)));
        }
        SceneDataset ds = SceneDataset.open(dir, ReaderOptions.training(20));
        assertEquals(20, ds.options().cropSize(), "the crop shrinks to the images' side");
        byte[] pixels = ds.decode(0, 1);
        for (int i = 0; i < 20 * 20; i++) {
            assertEquals(200, pixels[i] & 0xff, "red at " + i);
            assertEquals(50, pixels[2 * 400 + i] & 0xff, "blue at " + i);
        }
    }
}
