package enr4j.testing;

import enr4j.geometry.Interpolation;
import enr4j.model.ModelConfig;
import java.util.List;

/** Small architectures that run in milliseconds on a CPU. */
public final class TinyModels {
    private TinyModels() {}

    /** 16 px images, scene 8 x 8 x 8 x 8. */
    public static ModelConfig tiny() {
        return new ModelConfig(List.of(3, 16, 16), List.of(8, 16, 16), List.of(1, 2, 1), List.of(8, 8), List.of(1, 1),
                List.of(32, 64), List.of(32, 16), Interpolation.BILINEAR);
    }

    /** 32 px images, scene 8 x 16 x 16 x 16: a 3D stride as well. */
    public static ModelConfig small() {
        return new ModelConfig(List.of(3, 32, 32), List.of(8, 16, 16, 16), List.of(1, 2, 1, 1),
                List.of(8, 16, 8), List.of(1, 2, -2), List.of(64, 128), List.of(64, 32), Interpolation.BILINEAR);
    }
}
