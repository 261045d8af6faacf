package enr4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.viz.CameraShift;
import enr4j.eval.ModelViewSource;
import enr4j.eval.SceneHandle;
import enr4j.model.NeuralRenderer;
import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bundled model turns the demo's examples into chairs, not blurs: turned by 90 and 180 degrees, each example keeps
 * about its silhouette's size, and the dark generated chair keeps its colour. (Saturated colours, as in the two real
 * examples, still come out grey: the model card says so.)
 */
@Tag("fast")
class BundledModelTest {
    /** A pixel is part of the object when some channel is this far below the white background. */
    private static final double INK = 0.15;

    @Test
    void turnedExamplesKeepTheirSize() {
        NeuralRenderer model = DemoAssets.bundledModel().orElseThrow();
        List<DemoExample> examples = DemoAssets.bundledExamples();
        assertEquals(List.of("generated_chair", "real_plastic_chair", "real_modern_armchair"),
                examples.stream().map(DemoExample::name).toList());
        for (DemoExample example : examples) {
            ModelViewSource source = new ModelViewSource(model, new Device(torch.DeviceType.CPU), example.pose());
            Foreground input = Foreground.of(example.image());
            SceneHandle scene = source.infer(example.image());
            try {
                for (double turn : new double[] {90, 180}) {
                    Foreground view = Foreground.of(source.render(scene, new CameraShift(turn, 0)));
                    String what = example.name() + " turned " + turn + " degrees: input " + input + ", view " + view;
                    assertTrue(view.fraction() > 0.5 * input.fraction() && view.fraction() < 2 * input.fraction(), what);
                    if (example.name().startsWith("generated")) {
                        assertTrue(view.colourDistance(input) < 0.12, what);
                    }
                }
            } finally {
                source.release(scene);
            }
        }
    }

    /** Mean RGB (0..1) of an image's object pixels, and the share of pixels they cover. */
    private record Foreground(double r, double g, double b, double fraction) {
        static Foreground of(BufferedImage image) {
            double r = 0, g = 0, b = 0;
            int n = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    double pr = (rgb >> 16 & 255) / 255.0, pg = (rgb >> 8 & 255) / 255.0, pb = (rgb & 255) / 255.0;
                    if (Math.min(pr, Math.min(pg, pb)) < 1 - INK) {
                        r += pr;
                        g += pg;
                        b += pb;
                        n++;
                    }
                }
            }
            int m = Math.max(n, 1);
            return new Foreground(r / m, g / m, b / m, n / (double) (image.getWidth() * image.getHeight()));
        }

        double colourDistance(Foreground o) {
            return Math.sqrt((r - o.r) * (r - o.r) + (g - o.g) * (g - o.g) + (b - o.b) * (b - o.b));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "rgb (%.2f, %.2f, %.2f) over %.1f%%", r, g, b, 100 * fraction);
        }
    }
}
