package enr4j.eval;

import enr4j.data.ImageInput;
import enr4j.viz.CameraShift;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Renders one image's scene along a camera path, e.g. as frames for {@link enr4j.viz.AnimatedGif}. */
public final class PathRenderer {

    private PathRenderer() {
    }

    /**
     * Infers the scene of {@code image} once, renders it at every shift of the path, then releases it.
     *
     * @param image  model input of {@link NovelViewSource#imageSize()} pixels, e.g. from {@link ImageInput}
     * @param shifts camera shifts from the source view (see {@link enr4j.viz.CameraPaths})
     * @return one view per shift, in path order
     */
    public static List<BufferedImage> render(NovelViewSource source, BufferedImage image, List<CameraShift> shifts) {
        if (shifts.isEmpty()) {
            throw new IllegalArgumentException("camera path is empty");
        }
        SceneHandle scene = source.infer(image);
        try {
            List<BufferedImage> views = new ArrayList<>(shifts.size());
            for (CameraShift shift : shifts) {
                views.add(source.render(scene, shift));
            }
            return List.copyOf(views);
        } finally {
            source.release(scene);
        }
    }
}
