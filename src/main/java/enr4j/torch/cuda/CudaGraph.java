package enr4j.torch.cuda;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaGetLastError;
import static org.bytedeco.cuda.global.cudart.cudaGraphDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphExecDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphGetNodes;
import static org.bytedeco.cuda.global.cudart.cudaGraphInstantiateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaGraphLaunch;
import static org.bytedeco.cuda.global.cudart.cudaStreamBeginCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamCaptureModeThreadLocal;
import static org.bytedeco.cuda.global.cudart.cudaStreamCaptureStatusActive;
import static org.bytedeco.cuda.global.cudart.cudaStreamEndCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamGetCaptureInfo;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraphNode_st;
import org.bytedeco.cuda.cudart.CUgraph_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.cuda.CUDAStream;
import org.bytedeco.pytorch.cuda.DeviceAssertionsDataVectorCUDAKernelLaunchInfoVectorPair;
import org.bytedeco.pytorch.cuda.StreamFilter;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * A CUDA graph captured from libtorch work, as PyTorch's own {@code CUDAGraph} does it: capture on a pool stream
 * made current for the duration, with the caching allocator routing that stream's allocations to a private pool
 * (so replays never write into memory handed out to anyone else), then instantiate and replay on the current
 * stream.
 *
 * <p>The pool id is a pair of two 64-bit integers. The presets map its C++ type to an unrelated Java class whose
 * destructor must never run, so the id is built here in memory this class owns, and only its address is passed.
 */
final class CudaGraph implements CapturedGraph {
    /** Pool ids of this process's graphs: {uid, 0}, as libtorch numbers the pools of graphs it captures itself. */
    private static final AtomicLong NEXT_POOL = new AtomicLong(1L << 40);

    private final byte device;
    private final long poolId;
    private final CUgraph_st graph;
    private final CUgraphExec_st exec;
    private boolean closed;

    private CudaGraph(byte device, long poolId, CUgraph_st graph, CUgraphExec_st exec) {
        this.device = device;
        this.poolId = poolId;
        this.graph = graph;
        this.exec = exec;
    }

    static CudaGraph capture(Runnable work) {
        byte device = (byte) torch_cuda.current_device();
        long poolId = NEXT_POOL.getAndIncrement();
        LongPointer ids = poolIds(poolId);
        DeviceAssertionsDataVectorCUDAKernelLaunchInfoVectorPair pool =
                new DeviceAssertionsDataVectorCUDAKernelLaunchInfoVectorPair(ids);
        CUDAStream previous = torch_cuda.getCurrentCUDAStream(device);
        CUDAStream side = torch_cuda.getStreamFromPool(false, device);
        CUstream_st stream = side.stream();
        StreamFilter capturing = new CapturingStreams();
        torch.cuda_synchronize();
        CUgraph_st graph = new CUgraph_st();
        boolean pooled = false;
        try {
            torch_cuda.setCurrentCUDAStream(side);
            torch_cuda.beginAllocateToPool(device, pool, capturing);
            pooled = true;
            check(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal), "cudaStreamBeginCapture");
            RuntimeException failure = null;
            try {
                work.run();
            } catch (RuntimeException e) {
                failure = e;
            }
            int end = cudaStreamEndCapture(stream, graph);
            if (failure != null) {
                throw failure;
            }
            check(end, "cudaStreamEndCapture");
        } catch (RuntimeException e) {
            cudaGetLastError(); // a failed capture leaves its error behind; clear it so later calls start clean
            if (!graph.isNull()) {
                cudaGraphDestroy(graph);
            }
            if (pooled) {
                torch_cuda.endAllocateToPool(device, pool);
                pooled = false;
                torch.cuda_synchronize();
                releasePool(device, poolId);
            }
            throw new IllegalStateException("CUDA graph capture failed: " + e.getMessage(), e);
        } finally {
            if (pooled) {
                torch_cuda.endAllocateToPool(device, pool);
            }
            torch_cuda.setCurrentCUDAStream(previous);
        }
        CUgraphExec_st exec = new CUgraphExec_st();
        check(cudaGraphInstantiateWithFlags(exec, graph, 0L), "cudaGraphInstantiateWithFlags");
        torch.cuda_synchronize();
        // the handles outlive the caller's scope: the graph is replayed in later steps
        graph.retainReference();
        exec.retainReference();
        return new CudaGraph(device, poolId, graph, exec);
    }

    @Override
    public void replay() {
        if (closed) {
            throw new IllegalStateException("replay of a closed CUDA graph");
        }
        check(cudaGraphLaunch(exec, torch_cuda.getCurrentCUDAStream(device).stream()), "cudaGraphLaunch");
    }

    @Override
    public long nodeCount() {
        try (org.bytedeco.javacpp.SizeTPointer count = new org.bytedeco.javacpp.SizeTPointer(1)) {
            check(cudaGraphGetNodes(graph, (CUgraphNode_st) null, count), "cudaGraphGetNodes");
            return count.get();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        torch.cuda_synchronize();
        cudaGraphExecDestroy(exec);
        cudaGraphDestroy(graph);
        releasePool(device, poolId);
    }

    private static void releasePool(byte device, long poolId) {
        try (LongPointer ids = poolIds(poolId)) {
            torch_cuda.getAllocator().releasePool(device,
                    new DeviceAssertionsDataVectorCUDAKernelLaunchInfoVectorPair(ids));
        }
    }

    /**
     * The pool id {poolId, 0} in fresh native memory, read through the presets' (wrongly named) pair type, which
     * must only ever view it (never own it). Made anew for each call: a caller's scope may free it afterwards.
     */
    private static LongPointer poolIds(long poolId) {
        LongPointer ids = new LongPointer(2);
        ids.put(0, poolId).put(1, 0L);
        return ids;
    }

    private static void check(int rc, String call) {
        if (rc != cudaSuccess) {
            throw new IllegalStateException(call + ": " + cudaGetErrorString(rc).getString());
        }
    }

    /** Routes an allocation to the graph's pool exactly when its stream is being captured (as libtorch does). */
    private static final class CapturingStreams extends StreamFilter {
        @Override
        public boolean call(Pointer stream) {
            int[] status = new int[1];
            return cudaStreamGetCaptureInfo(new CUstream_st(stream), status) == cudaSuccess
                    && status[0] == cudaStreamCaptureStatusActive;
        }
    }
}
