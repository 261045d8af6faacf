package enr4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API against the model's own calls: preprocessing, carrying the scene, rendering, closing. */
@Tag("fast")
class NovelViewsTest {
    @TempDir
    static Path dir;
    static Path saved;
    static NeuralRenderer reference;

    @BeforeAll
    static void saveATinyModel() {
        Torch.seed(11);
        saved = dir.resolve("tiny");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), saved);
        reference = ModelFiles.load(saved);
    }

    @Test
    void aModelSizedImageRendersAsTheModelItselfDoes() {
        NovelViews views = NovelViews.load(saved, "cpu");
        BufferedImage image = noise(16, 16, 1);
        CameraPose source = new CameraPose(20, 5, new Vec3(0, 0.05, 0));
        CameraPose target = new CameraPose(110, 30);
        try (Scene scene = views.infer(image, source)) {
            assertEquals(source, scene.sourcePose());
            assertSamePixels(direct(image, source, target), scene.render(target));
        }
    }

    @Test
    void aWiderImageIsCroppedToItsCentreSquare() {
        NovelViews views = NovelViews.load(saved, "cpu");
        BufferedImage wide = noise(24, 16, 2);
        CameraPose turned = new CameraPose(45, 0);
        try (Scene scene = views.infer(wide)) {
            assertSamePixels(direct(wide.getSubimage(4, 0, 16, 16), new CameraPose(0, 0), turned), scene.render(turned));
        }
    }

    @Test
    void aClosedSceneRefusesToRender() {
        NovelViews views = NovelViews.load(saved, "cpu");
        Scene scene = views.infer(noise(16, 16, 3));
        scene.close();
        scene.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scene.render(new CameraPose(0, 0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aMissingModelIsNamed() {
        Path missing = dir.resolve("no-model.zip");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NovelViews.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    /** The model's own calls on pixels / 255, with no preprocessing at all. */
    private static BufferedImage direct(BufferedImage image, CameraPose source, CameraPose target) {
        int s = image.getWidth();
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor input = Tensors.fromFloats(Images.toChw(image), 1, 3, s, s);
            Tensor scene = reference.inverseRender(input);
            Tensor rendered = reference.render(reference.transformSourceToTarget(scene, List.of(source), List.of(target)));
            return Images.fromChw(Tensors.toFloats(rendered.select(0, 0)), s, s);
        }
    }

    private static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }
}
