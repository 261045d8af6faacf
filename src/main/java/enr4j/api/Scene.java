package enr4j.api;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * The implicit 3D scene inferred from one image (a 1 x C x D x D x D tensor held in native or GPU memory until
 * {@link #close}). Made by {@link NovelViews#infer}; use it from the thread that uses its {@link NovelViews}.
 */
public final class Scene implements AutoCloseable {
    private final NeuralRenderer model;
    private final TensorOwner owner = new TensorOwner();
    private final Tensor scene;
    private final CameraPose sourcePose;
    private boolean closed;

    /** @param scene 1 x C x D x D x D, made in the caller's scope: this scene takes it over */
    Scene(NeuralRenderer model, Tensor scene, CameraPose sourcePose) {
        this.model = model;
        this.scene = owner.take(scene);
        this.sourcePose = sourcePose;
    }

    /** @return the pose the image was taken from */
    public CameraPose sourcePose() {
        return sourcePose;
    }

    /**
     * Renders the scene as a camera at {@code pose} sees it.
     *
     * @param pose azimuth and elevation in degrees, translation in world units, in the frame of {@link #sourcePose}
     * @return an RGB image of {@link NovelViews#imageSize()} pixels square
     * @throws IllegalStateException after {@link #close}
     */
    public BufferedImage render(CameraPose pose) {
        if (closed) {
            throw new IllegalStateException("the scene was closed");
        }
        try (StepScope scope = StepScope.noGrad()) {
            Tensor carried = model.transformSourceToTarget(scene, List.of(sourcePose), List.of(pose));
            Tensor rendered = model.render(carried).select(0, 0).cpu();
            int s = model.config().imageSize();
            return Images.fromChw(Tensors.toFloats(rendered), s, s);
        }
    }

    /** Frees the scene's memory; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.close();
        }
    }
}
