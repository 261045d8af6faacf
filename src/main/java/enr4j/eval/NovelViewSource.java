package enr4j.eval;

import enr4j.viz.CameraShift;
import java.awt.image.BufferedImage;

/**
 * What the viewer needs from a model: infer a scene once, render it from many viewpoints.
 * Implementations need not be thread-safe: the web viewer makes every call from one worker thread (libtorch's
 * inference guards are per thread).
 */
public interface NovelViewSource {

    /**
     * Infers the scene shown in an image.
     *
     * @param image RGB image of {@link #imageSize()} x {@link #imageSize()} pixels (the viewer centre-crops and resizes
     *              uploads to that size)
     * @return an opaque handle for the inferred scene; the source may hold native memory until {@link #release}
     */
    SceneHandle infer(BufferedImage image);

    /**
     * Renders the scene from a camera turned and moved away from the view it was inferred from.
     *
     * @param shift angle shifts in degrees (any values, e.g. azimuth -180..180) and translation shift in world units,
     *              relative to the source view; {@link CameraShift#ZERO} is the source view
     * @return the rendered RGB view, {@link #imageSize()} pixels square
     */
    BufferedImage render(SceneHandle scene, CameraShift shift);

    /** Frees what the scene holds; the handle is not used again afterwards. */
    void release(SceneHandle scene);

    /** Model input (and output) size in pixels. */
    int imageSize();
}
