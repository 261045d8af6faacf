package enr4j.demo;

import enr4j.geometry.Interpolation;
import enr4j.model.ModelConfig;
import java.util.List;

/**
 * The architecture the demo trains when no pretrained model is bundled: the reference's layout shrunk so that a
 * training step takes well under a second on two CPU cores (32 px images, 2D features 32 x 8 x 8, scene 8 x 8 x 8 x 8).
 */
public final class DemoModel {
    /** Image side of the demo model. */
    public static final int IMAGE_SIZE = 32;

    private DemoModel() {}

    public static ModelConfig config() {
        return new ModelConfig(List.of(3, IMAGE_SIZE, IMAGE_SIZE), List.of(16, 32, 32), List.of(1, 2, 2),
                List.of(8, 8), List.of(1, 1), List.of(64, 64), List.of(64, 32), Interpolation.BILINEAR);
    }
}
