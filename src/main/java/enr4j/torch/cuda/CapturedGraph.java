package enr4j.torch.cuda;

/**
 * Work recorded once as a CUDA graph and replayed as one launch. The captured kernels read and write fixed
 * addresses: callers copy new inputs into the tensors the work read during capture before each
 * {@link #replay()}, and read results from the tensors it wrote.
 */
public interface CapturedGraph extends AutoCloseable {
    /** Launches the recorded work on libtorch's current stream (asynchronous, like any kernel). */
    void replay();

    /** The graph's nodes: kernels, memsets and copies launched per replay. */
    long nodeCount();

    /** Frees the graph and the memory pool its intermediates live in (waits for the device first). */
    @Override
    void close();
}
