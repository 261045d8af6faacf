package enr4j.torch.cuda;

import enr4j.torch.ActivationLayout;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * {@link ResampleBackend} on the kernels of {@code resample.cu}, launched on libtorch's current stream: one pass
 * that reads the volumes in their own dtype and writes the output, and for the backward pass one that adds each
 * output gradient into a zeroed float32 gradient (atomics), cast to the volumes' dtype after. A channels-last
 * forward pass moves 16-byte vectors where the channels and pointers allow (see {@link #vectorised}).
 */
final class CudaResample implements ResampleBackend {
    private static final String FILE = "resample.cu";
    private static final int THREADS = 256;
    /** Channels-last kernels: one warp per output position, this many positions per block. */
    private static final int WARPS = 8;
    /**
     * {@code -Denr4j.resampleVectors=false} keeps the warp-per-position forward kernel, for A/B runs of the 16-byte
     * one; read at every call, so one run can compare both.
     */
    static final String VECTORS_PROPERTY = "enr4j.resampleVectors";

    private final KernelCache cache = KernelCache.standard();
    private final java.util.Map<Integer, CudaModule> modules = new java.util.concurrent.ConcurrentHashMap<>();

    private CudaResample() {
        module(torch_cuda.current_device());
    }

    /** Compiles (or reads from the cache) and loads the kernels for the current device; throws when it cannot. */
    static CudaResample load() {
        return new CudaResample();
    }

    private CudaModule module(int device) {
        return modules.computeIfAbsent(device, d -> CudaModule.load(FILE, d, cache));
    }

    @Override
    public Tensor forward(Tensor volumes, Tensor maps, boolean nearest) {
        boolean last = FusedResample.channelsLast(volumes);
        long[] shape = volumes.shape();
        Tensor out = last ? torch.empty(shape, volumes.options(), new org.bytedeco.pytorch.MemoryFormatOptional(
                ActivationLayout.format(5))) : torch.empty(shape, volumes.options(), new org.bytedeco.pytorch.MemoryFormatOptional());
        String kernel = !last ? "enr_resample_planes_"
                : vectorised(volumes, out) ? "enr_resample_last_vec_" : "enr_resample_last_";
        launch(kernel, volumes, volumes, out, null, maps, volumes.stride(0), nearest);
        return out;
    }

    /**
     * Whether the channels-last forward pass can move 16-byte vectors: whole vectors of channels (C and the batch
     * stride, 0 when expanded, multiples of the width) and 16-byte aligned volumes and output.
     *
     * @param volumes B x C x D x H x W, channels-last
     * @param out     B x C x D x H x W, channels-last
     */
    private static boolean vectorised(Tensor volumes, Tensor out) {
        int w = Vectors.width(volumes);
        return !"false".equals(System.getProperty(VECTORS_PROPERTY)) && volumes.size(1) % w == 0
                && volumes.stride(0) % w == 0 && Vectors.aligned(volumes) && Vectors.aligned(out);
    }

    @Override
    public Tensor backward(Tensor dy, Tensor maps, boolean nearest) {
        boolean last = FusedResample.channelsLast(dy);
        Tensor gin = torch.zeros_like(dy, dy.options().dtype(
                new org.bytedeco.pytorch.ScalarTypeOptional(torch.ScalarType.Float)),
                new org.bytedeco.pytorch.MemoryFormatOptional(last ? ActivationLayout.format(5) : torch.MemoryFormat.Contiguous));
        launch(last ? "enr_resample_last_backward_" : "enr_resample_planes_backward_", dy, dy, null, gin, maps,
                gin.stride(0), nearest);
        return gin.scalar_type().value == dy.scalar_type().value ? gin : gin.to(dy.scalar_type());
    }

    /**
     * @param src     the volumes (forward) or the output's gradient (backward)
     * @param out     the output (forward), or null
     * @param gin     the volumes' float32 gradient (backward), or null
     */
    private void launch(String kernel, Tensor volumes, Tensor src, Tensor out, Tensor gin, Tensor maps,
                        long inBatchStride, boolean nearest) {
        int device = volumes.device().index();
        CUstream_st stream = torch_cuda.getCurrentCUDAStream((byte) device).stream();
        long b = maps.size(0);
        long positions = b * volumes.size(2) * volumes.size(3) * volumes.size(4);
        long[] grid;
        int[] block = {THREADS, 1, 1};
        if (kernel.startsWith("enr_resample_last_vec")) {
            // one thread per vector of channels; beyond the grid's limit the kernel loops
            long threads = positions * (volumes.size(1) / Vectors.width(volumes));
            grid = new long[] {Math.min(ceil(threads, THREADS), Integer.MAX_VALUE), 1, 1};
        } else if (kernel.startsWith("enr_resample_last")) {
            grid = new long[] {ceil(positions, WARPS), 1, 1};
            block = new int[] {32, WARPS, 1};
        } else {
            grid = new long[] {ceil(positions, THREADS), 1, 1};
        }
        String suffix = volumes.scalar_type().value == torch.ScalarType.BFloat16.value ? "bf16" : "f32";
        module(device).launch(kernel + suffix, grid, block, stream, src, out, gin, maps, inBatchStride, (int) b,
                (int) volumes.size(1), (int) volumes.size(2), (int) volumes.size(3), (int) volumes.size(4),
                nearest ? 1 : 0);
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
