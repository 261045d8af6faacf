package enr4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import enr4j.data.ImageInput;
import enr4j.geometry.Vec3;
import enr4j.viz.AnimatedGif;
import enr4j.viz.CameraPaths;
import enr4j.viz.CameraShift;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PathRendererTest {

    @TempDir
    Path dir;

    @Test
    void infersOnceRendersEveryViewAndReleases() throws IOException {
        RotatingFakeSource source = new RotatingFakeSource(16);
        List<BufferedImage> frames = PathRenderer.render(source, ImageInput.of(16).prepare(TestImages.pattern(40, 30)),
                CameraPaths.orbit(6, 0));

        assertEquals(6, frames.size());
        assertEquals(1, source.inferCalls.get());
        assertEquals(6, source.renderCalls.get());
        assertEquals(1, source.released.size());
        assertEquals(16, frames.get(0).getWidth());
        assertNotEquals(frames.get(0).getRGB(3, 3), frames.get(3).getRGB(3, 3), "a half turn should move the red block");

        Path gif = dir.resolve("orbit.gif");
        AnimatedGif.write(frames, gif);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
            reader.dispose();
        }
    }

    @Test
    void passesEveryShiftWithItsTranslationToTheSource() {
        RotatingFakeSource source = new RotatingFakeSource(16);
        List<CameraShift> path = List.of(CameraShift.ZERO, new CameraShift(0, 0, new Vec3(0, 0, 0.5)),
                new CameraShift(30, -10, new Vec3(0.1, -0.25, 0)));
        List<BufferedImage> frames = PathRenderer.render(source, TestImages.pattern(16, 16), path);

        assertEquals(path, source.renderedShifts, "the source sees each shift, translations included, in path order");
        assertNotEquals(frames.get(0).getRGB(3, 3), frames.get(1).getRGB(3, 3),
                "moving the object right by a quarter image moves the red block");

        source.renderedShifts.clear();
        List<CameraShift> drift = CameraPaths.drift(4, 0, 0.25);
        PathRenderer.render(source, TestImages.pattern(16, 16), drift);
        assertEquals(drift, source.renderedShifts);
    }
}
