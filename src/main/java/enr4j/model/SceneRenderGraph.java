package enr4j.model;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Carrying one inferred scene to up to N poses and rendering them, captured as one CUDA graph on first use and
 * replayed for every later call (eagerly where no graph can be captured): what {@code evaluate}, {@code novel-views}
 * and {@code serve} do per batch of target views. A call with fewer than N poses fills the rest with its last pose
 * and returns only its own views. The caller keeps the model's weights fixed while it uses this object.
 */
public final class SceneRenderGraph implements AutoCloseable {
    private final TensorOwner owner = new TensorOwner();
    private final Tensor scene;
    private final Tensor maps;
    private final int views;
    private final CapturedForward forward;

    /**
     * @param model     the renderer, on the scene's device
     * @param sceneLike 1 x C x D x D x D, the shape, dtype and device every later scene has
     * @param views     N, the most poses per call
     */
    public SceneRenderGraph(NeuralRenderer model, Tensor sceneLike, int views) {
        if (views < 1) {
            throw new IllegalArgumentException("views must be >= 1, got " + views);
        }
        this.views = views;
        try (StepScope scope = StepScope.noGrad()) {
            this.scene = owner.take(sceneLike.detach().clone());
            this.maps = owner.take(torch.zeros(views, 3, 4).to(sceneLike.device(), torch.ScalarType.Float));
        }
        this.forward = new CapturedForward("scene renders", () -> model.render(
                model.transformByMaps(scene.expand(new long[] {views, -1, -1, -1, -1}, false), maps)));
    }

    /**
     * @param sceneNow 1 x C x D x D x D, as at construction
     * @param carry    k x 3 x 4 float32 on the CPU, 1 <= k <= N, from {@link NeuralRenderer#carryMaps}
     * @return k x 3 x S x S in (0, 1), a new tensor in the caller's scope
     */
    public synchronized Tensor render(Tensor sceneNow, Tensor carry) {
        long k = carry.size(0);
        if (k < 1 || k > views) {
            throw new IllegalArgumentException("between 1 and " + views + " poses per call, got " + k);
        }
        try (StepScope scope = StepScope.noGrad()) {
            scene.copy_(sceneNow);
            Tensor padded = k == views ? carry
                    : torch.cat(new org.bytedeco.pytorch.TensorVector(carry,
                            carry.narrow(0, k - 1, 1).expand(new long[] {views - k, 3, 4}, false)));
            Tensors.copyFromHost(maps, padded.contiguous());
        }
        try (StepScope scope = StepScope.noGrad()) {
            return scope.handOut(forward.run().narrow(0, 0, k).clone());
        }
    }

    /** Why renders run eagerly, or null while the graph is in use (or before the first call). */
    public String eagerReason() {
        return forward.eagerReason();
    }

    @Override
    public void close() {
        forward.close();
        owner.close();
    }
}
