package enr4j.model;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.cuda.CapturedGraph;
import enr4j.torch.cuda.CudaGraphs;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;

/**
 * A no-grad forward pass over fixed input buffers: run eagerly twice (cuDNN autotuning, lazily made buffers), then
 * captured as one CUDA graph and replayed on every later call; eager, with the reason logged once, when the capture
 * fails (no CUDA, no CUDA presets).
 */
final class CapturedForward implements AutoCloseable {
    private static final int WARMUP = 2;

    private final String what;
    private final Supplier<Tensor> forward;
    private final TensorOwner owner = new TensorOwner();
    private Tensor output;
    private CapturedGraph graph;
    private String eagerReason;

    /**
     * @param what    how the log names the work when it runs eagerly
     * @param forward device work only, reading the caller's fixed buffers
     */
    CapturedForward(String what, Supplier<Tensor> forward) {
        this.what = what;
        this.forward = forward;
    }

    /**
     * @return the forward pass's output: when replayed, a fixed tensor that the next call overwrites; when eager, a
     *     new tensor in the caller's scope
     */
    Tensor run() {
        try (StepScope scope = StepScope.noGrad()) {
            if (graph == null && eagerReason == null) {
                for (int i = 0; i < WARMUP; i++) {
                    try (StepScope warm = StepScope.noGrad()) {
                        forward.get();
                    }
                }
                CudaGraphs.Capture c = CudaGraphs.capture(() -> {
                    try (StepScope inner = StepScope.noGrad()) {
                        output = owner.take(forward.get());
                    }
                });
                if (c.graph().isPresent()) {
                    graph = c.graph().get();
                } else {
                    eagerReason = c.reason();
                    System.getLogger(CapturedForward.class.getName()).log(System.Logger.Level.WARNING,
                            what + " run eagerly: " + eagerReason);
                }
            }
            if (graph == null) {
                return scope.handOut(forward.get());
            }
            graph.replay();
            return output;
        }
    }

    /** Why the work runs eagerly, or null while the graph is in use (or not yet tried). */
    String eagerReason() {
        return eagerReason;
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
