package enr4j.eval;

import enr4j.testing.GifFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.viz.CameraPaths;
import enr4j.viz.Images;
import enr4j.viz.ModelViewSource;
import enr4j.viz.SceneHandle;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelViewSourceTest {
    @TempDir
    Path dir;

    static BufferedImage picture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(200, 40, 30));
        g.fillRect(w / 4, h / 3, w / 2, h / 3);
        g.dispose();
        return img;
    }

    @Test
    void theSourceViewIsTheModelsPlainReconstructionAndOtherViewsDiffer() {
        Torch.seed(3);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        ModelViewSource source = new ModelViewSource(model, new Device(torch.DeviceType.CPU));
        BufferedImage input = picture(16, 16);
        SceneHandle scene = source.infer(input);
        BufferedImage same = source.render(scene, 0, 0);
        BufferedImage turned = source.render(scene, 90, 0);
        float[] expected;
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            expected = Tensors.toFloats(model.render(model.inverseRender(
                    Tensors.fromFloats(Images.toChw(input), 1, 3, 16, 16))));
        }
        assertArrayEquals(Images.toChw(Images.fromChw(expected, 16, 16)), Images.toChw(same), 1e-6f);
        assertFalse(java.util.Arrays.equals(Images.toChw(same), Images.toChw(turned)), "a 90 degree turn changes the view");
        source.release(scene);
        assertThrows(IllegalStateException.class, () -> source.render(scene, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> source.infer(picture(20, 16)));
    }

    @Test
    void novelViewJobWritesALoopingGifWithOneFramePerShift() throws Exception {
        Torch.seed(4);
        ModelViewSource source = new ModelViewSource(new NeuralRenderer(TinyModels.tiny()),
                new Device(torch.DeviceType.CPU));
        NovelViewFiles files = NovelViewJob.run(source, picture(40, 30), CameraPaths.orbit(6, 10), dir.resolve("nv"));
        assertEquals(6, files.frames());
        GifFiles.Info gif = GifFiles.read(files.gif());
        assertEquals(6, gif.frames());
        assertEquals(0, gif.loopCount(), "loops forever");
        assertEquals(16, gif.width());
        assertTrue(Files.size(files.grid()) > 0);
        assertEquals(16, javax.imageio.ImageIO.read(files.input().toFile()).getWidth(), "input cropped to model size");
    }

    @Test
    void gridRowsAreFullWhenTheFrameCountAllowsIt() {
        assertEquals(6, NovelViewJob.imagesPerRow(24));
        assertEquals(6, NovelViewJob.imagesPerRow(36));
        assertEquals(3, NovelViewJob.imagesPerRow(7), "a prime falls back to the square layout");
        assertEquals(1, NovelViewJob.imagesPerRow(1));
    }

    @Test
    void pathsHaveTheRequestedFramesAndShift() {
        assertEquals(12, NovelViewPath.ORBIT.shifts(12, 0, null, null).size());
        assertEquals(30.0, NovelViewPath.ORBIT.shifts(4, 30, 5.0, null).get(0).azimuth());
        assertEquals(5.0, NovelViewPath.ORBIT.shifts(4, 30, 5.0, null).get(0).elevation());
        assertThrows(IllegalArgumentException.class, () -> NovelViewPath.CUSTOM.shifts(4, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> NovelViewPath.parse("zigzag"));
    }
}
