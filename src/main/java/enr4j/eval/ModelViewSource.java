package enr4j.eval;

import enr4j.geometry.CameraPose;
import enr4j.model.NeuralRenderer;
import enr4j.model.SceneRenderGraph;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.viz.CameraShift;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * A {@link NovelViewSource} backed by a {@link NeuralRenderer}: {@link #infer} runs the inverse renderer once and
 * keeps the scene tensor (1 x C x D x D x D) in a {@link TensorOwner} past the step that made it;
 * {@link #render} carries that scene from the source pose to the shifted pose (angles and translation, see
 * {@link CameraShift#applyTo}) and renders it (1 x 3 x S x S);
 * {@link #release} frees it. Not thread-safe: make every call from one thread (as the web viewer
 * does), since libtorch's no-grad guard is per thread.
 */
public final class ModelViewSource implements NovelViewSource {
    private final TensorOwner scenes = new TensorOwner();

    /** The inferred scene; {@code released} guards against use after {@link #release}. */
    private static final class ModelScene implements SceneHandle {
        private final Tensor scene;
        private boolean released;

        private ModelScene(Tensor scene) {
            this.scene = scene;
        }
    }

    private final NeuralRenderer model;
    private final Device device;
    private final CameraPose sourcePose;
    /** With {@code --graphs on} on CUDA: one view's carry and render replayed as a CUDA graph (made on first use). */
    private final boolean graphs;
    private SceneRenderGraph graph;

    /**
     * @param model      the renderer; it is moved to {@code device}
     * @param device     where inference and rendering run
     * @param sourcePose camera pose the input images are assumed to be taken from; shifts are added to its angles
     *                   and its translation
     */
    public ModelViewSource(NeuralRenderer model, Device device, CameraPose sourcePose) {
        this.model = model;
        this.device = device;
        this.sourcePose = sourcePose;
        this.graphs = device.is_cuda() && enr4j.torch.cuda.CudaGraphs.requested();
        model.to(device, false);
    }

    /** Source pose azimuth 0, elevation 0, no translation. */
    public ModelViewSource(NeuralRenderer model, Device device) {
        this(model, device, new CameraPose(0, 0));
    }

    @Override
    public SceneHandle infer(BufferedImage image) {
        int s = imageSize();
        if (image.getWidth() != s || image.getHeight() != s) {
            throw new IllegalArgumentException("image is " + image.getWidth() + " x " + image.getHeight()
                    + " px but the model takes " + s + " x " + s);
        }
        try (StepScope scope = StepScope.noGrad()) {
            Tensor input = Tensors.fromFloats(Images.toChw(image), 1, 3, s, s).to(device,
                    org.bytedeco.pytorch.global.torch.ScalarType.Float);
            return new ModelScene(scenes.take(model.inverseRender(input)));
        }
    }

    @Override
    public BufferedImage render(SceneHandle handle, CameraShift shift) {
        ModelScene scene = open(handle);
        CameraPose target = shift.applyTo(sourcePose);
        try (StepScope scope = StepScope.noGrad()) {
            Tensor rendered;
            if (graphs) {
                if (graph == null) {
                    graph = new SceneRenderGraph(model, scene.scene, 1);
                }
                rendered = graph.render(scene.scene, model.carryMaps(List.of(sourcePose), List.of(target)))
                        .select(0, 0).cpu();
            } else {
                Tensor carried = model.transformSourceToTarget(scene.scene, List.of(sourcePose), List.of(target));
                rendered = model.render(carried).select(0, 0).cpu();
            }
            return Images.fromChw(Tensors.toFloats(rendered), imageSize(), imageSize());
        }
    }

    @Override
    public void release(SceneHandle handle) {
        ModelScene scene = open(handle);
        scene.released = true;
        scenes.release(scene.scene);
    }

    @Override
    public int imageSize() {
        return model.config().imageSize();
    }

    private static ModelScene open(SceneHandle handle) {
        if (!(handle instanceof ModelScene scene)) {
            throw new IllegalArgumentException("not a scene of this model: " + handle);
        }
        if (scene.released) {
            throw new IllegalStateException("scene was already released");
        }
        return scene;
    }
}
