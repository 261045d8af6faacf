package enr4j.model;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.cuda.CapturedGraph;
import enr4j.torch.cuda.CudaGraphs;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Inference of one image to N novel views (inverse render once, carry the scene to N poses, render them) captured
 * as one CUDA graph on first use and replayed for every later image. The caller keeps the model's weights fixed
 * while it uses the graph (the graph reads them where they were at capture).
 */
public final class NovelViewGraph implements AutoCloseable {
    private static final int WARMUP = 2;

    private final NeuralRenderer model;
    private final TensorOwner owner = new TensorOwner();
    private final Tensor image;
    private final Tensor maps;
    private Tensor views;
    private CapturedGraph graph;
    private String eagerReason;

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
            if (graph == null && eagerReason == null) {
                for (int i = 0; i < WARMUP; i++) {
                    try (StepScope warm = StepScope.noGrad()) {
                        forward();
                    }
                }
                CudaGraphs.Capture c = CudaGraphs.capture(() -> {
                    try (StepScope inner = StepScope.noGrad()) {
                        views = owner.take(forward());
                    }
                });
                if (c.graph().isPresent()) {
                    graph = c.graph().get();
                } else {
                    eagerReason = c.reason();
                    System.getLogger(NovelViewGraph.class.getName()).log(System.Logger.Level.WARNING,
                            "novel views render eagerly: " + eagerReason);
                }
            }
            if (graph == null) {
                return scope.handOut(forward());
            }
            graph.replay();
            return views;
        }
    }

    /** Why views render eagerly, or null while the graph is in use. */
    public String eagerReason() {
        return eagerReason;
    }

    private Tensor forward() {
        return model.novelViews(image, maps);
    }

    @Override
    public void close() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
        owner.close();
    }
}
