package enr4j.eval;

import enr4j.testing.GifFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.viz.CameraPaths;
import enr4j.viz.CameraShift;
import enr4j.viz.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
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
        BufferedImage same = source.render(scene, CameraShift.ZERO);
        BufferedImage turned = source.render(scene, new CameraShift(90, 0));
        float[] expected;
        try (PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            expected = Tensors.toFloats(model.render(model.inverseRender(
                    Tensors.fromFloats(Images.toChw(input), 1, 3, 16, 16))));
        }
        assertArrayEquals(Images.toChw(Images.fromChw(expected, 16, 16)), Images.toChw(same), 1e-6f);
        assertFalse(Arrays.equals(Images.toChw(same), Images.toChw(turned)), "a 90 degree turn changes the view");
        source.release(scene);
        assertThrows(IllegalStateException.class, () -> source.render(scene, CameraShift.ZERO));
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
    void translationShiftsMoveTheCameraFromATranslatedSource() {
        Torch.seed(5);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        Device cpu = new Device(torch.DeviceType.CPU);
        Vec3 sourceTranslation = new Vec3(0.2, -0.1, 0.15);
        ModelViewSource moved = new ModelViewSource(model, cpu, new CameraPose(0, 0, sourceTranslation));
        ModelViewSource centred = new ModelViewSource(model, cpu, new CameraPose(0, 0));
        BufferedImage input = picture(16, 16);
        SceneHandle movedScene = moved.infer(input);
        SceneHandle centredScene = centred.infer(input);
        try {
            float[] plain = pixels(centred.render(centredScene, CameraShift.ZERO));
            assertArrayEquals(plain, pixels(moved.render(movedScene, CameraShift.ZERO)), 1e-6f,
                    "a zero shift is the source view whatever its translation");

            CameraShift slide = new CameraShift(0, 0, new Vec3(0, 0.25, -0.25));
            float[] slid = pixels(moved.render(movedScene, slide));
            assertFalse(Arrays.equals(plain, slid), "a translation shift changes the view");
            assertArrayEquals(pixels(centred.render(centredScene, slide)), slid, 1e-5f,
                    "without a turn only the shift matters, not where the source was");

            CameraShift turn = new CameraShift(90, 0);
            assertFalse(Arrays.equals(pixels(centred.render(centredScene, turn)), pixels(moved.render(movedScene, turn))),
                    "a turn about the volume centre moves a translated object: the source translation is used");
        } finally {
            moved.release(movedScene);
            centred.release(centredScene);
        }
    }

    private static float[] pixels(BufferedImage image) {
        return Images.toChw(image);
    }
}
