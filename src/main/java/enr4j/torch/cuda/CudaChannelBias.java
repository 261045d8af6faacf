package enr4j.torch.cuda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * {@link ChannelBiasBackend} on the kernels of {@code channel_bias.cu}, launched on libtorch's current stream: one
 * pass over the rows, 16 bytes at a time for C a whole number of vectors (at most 256 of them) and aligned pointers,
 * else one element at a time.
 */
final class CudaChannelBias implements ChannelBiasBackend {
    private static final String FILE = "channel_bias.cu";
    private static final int THREADS = 256;
    /** Steps (vectors, or elements) a thread should cover, so its bias load pays off, while the grid fills the GPU. */
    private static final int STEPS_PER_THREAD = 4;

    private final KernelCache cache = KernelCache.standard();
    private final Map<Integer, CudaModule> modules = new ConcurrentHashMap<>();

    private CudaChannelBias() {
        module(torch_cuda.current_device());
    }

    /** Compiles (or reads from the cache) and loads the kernel for the current device; throws when it cannot. */
    static CudaChannelBias load() {
        return new CudaChannelBias();
    }

    private CudaModule module(int device) {
        return modules.computeIfAbsent(device, d -> CudaModule.load(FILE, d, cache));
    }

    @Override
    public boolean addInPlace(Tensor rows, Tensor bias) {
        if (rows.dim() != 2 || !rows.is_contiguous() || !bias.is_contiguous() || bias.numel() != rows.size(1)
                || bias.scalar_type().value != rows.scalar_type().value) {
            return false;
        }
        int w = Vectors.width(rows);
        long c = rows.size(1);
        boolean vec = c % w == 0 && c / w <= THREADS && Vectors.aligned(rows) && Vectors.aligned(bias);
        long cv = vec ? c / w : 1;
        int threads = vec ? (int) (cv * (THREADS / cv)) : THREADS;
        long steps = rows.size(0) * (vec ? cv : c);
        CudaModule m = module(rows.device().index());
        long wanted = Math.max(ceil(steps, (long) threads * STEPS_PER_THREAD), 4L * m.multiprocessors());
        long blocks = Math.max(1, Math.min(wanted, Math.min(ceil(steps, threads), Integer.MAX_VALUE)));
        String suffix = rows.scalar_type().value == torch.ScalarType.BFloat16.value ? "bf16" : "f32";
        m.launch((vec ? "enr_channel_bias_vec_" : "enr_channel_bias_") + suffix, new long[] {blocks, 1, 1},
                new int[] {threads, 1, 1}, torch_cuda.getCurrentCUDAStream((byte) rows.device().index()).stream(),
                rows, bias, rows.size(0), c);
        return true;
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
