package enr4j.model;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Inference of one image to N novel views (inverse render once, carry the scene to N poses, render them) captured
 * as one CUDA graph on first use and replayed for every later image. The caller keeps the model's weights fixed
 * while it uses the graph (the graph reads them where they were at capture).
 */
public final class NovelViewGraph implements AutoCloseable {
    private final NeuralRenderer model;
    private final TensorOwner owner = new TensorOwner();
    private final Tensor image;
    private final Tensor maps;
    private final CapturedForward forward;

    /**
     * @param image the first input: 1 x 3 x S x S on the GPU, of the dtype the model computes in (its shape and
     *              dtype are fixed from now on)
     * @param views N, the number of views rendered per call
     */
    public NovelViewGraph(NeuralRenderer model, Tensor image, int views) {
        this.model = model;
        try (StepScope scope = StepScope.noGrad()) {
            this.image = owner.take(image.detach().clone());
            this.maps = owner.take(torch.zeros(views, 3, 4).to(image.device(), torch.ScalarType.Float));
        }
        this.forward = new CapturedForward("novel views", () -> model.novelViews(this.image, maps));
    }

    /**
     * @param input 1 x 3 x S x S, the shape and dtype given at construction, on the GPU
     * @param carry N x 3 x 4 float32 on the CPU, from {@link NeuralRenderer#carryMaps} (source: the input's pose)
     * @return N x 3 x S x S in (0, 1): a fixed tensor, overwritten by the next call (copy what must be kept)
     */
    public Tensor render(Tensor input, Tensor carry) {
        try (StepScope scope = StepScope.noGrad()) {
            image.copy_(input);
            Tensors.copyFromHost(maps, carry);
        }
        return forward.run();
    }

    /** Why views render eagerly, or null while the graph is in use. */
    public String eagerReason() {
        return forward.eagerReason();
    }

    @Override
    public void close() {
        forward.close();
        owner.close();
    }
}
