package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import enr4j.testing.GifFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class AnimatedGifTest {

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

    @Test
    void writesAllFramesLoopingForeverWithTheDelay() throws IOException {
        Path gif = dir.resolve("orbit.gif");
        AnimatedGif.write(colouredFrames(5), gif, Duration.ofMillis(80));

        GifFiles.Info info = GifFiles.read(gif);
        assertEquals(5, info.frames());
        assertEquals(0, info.loopCount(), "a NETSCAPE2.0 loop block on the first frame, 0 = forever");
        assertEquals(List.of(8, 8, 8, 8, 8), info.delays());
        assertEquals(0x0000FF, info.images().get(2).getRGB(3, 3) & 0xFFFFFF);
        assertEquals(0x00FFFF, info.images().get(4).getRGB(7, 5) & 0xFFFFFF);
        assertArrayEquals(new Object[] {gif}, Files.list(dir).toArray());
    }

    @Test
    void defaultDelayIsFiftyMilliseconds() throws IOException {
        Path gif = dir.resolve("default.gif");
        AnimatedGif.write(colouredFrames(2), gif);
        assertEquals(5, GifFiles.read(gif).delays().get(1));
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
