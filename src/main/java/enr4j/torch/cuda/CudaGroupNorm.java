package enr4j.torch.cuda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * {@link GroupNormBackend} on the kernels of {@code group_norm.cu}, launched on libtorch's current stream. Forward:
 * per-channel shifted sums (blocks over the spatial positions, atomics into a float32 workspace zeroed together with
 * the backward's), the kernel's last block combining them into mean and rstd per group; one elementwise pass.
 * Backward: the same split reduction of {@code dz} and {@code dz * x}, its last block computing the coefficients and
 * the parameter gradients (in x's dtype); one elementwise pass. Weight and bias are read in x's dtype.
 *
 * <p>With {@link CudaResample}, the only classes besides {@link CudaModule} and {@link Nvrtc} that touch the CUDA
 * presets; reached through {@link Kernels} after its probe.
 */
final class CudaGroupNorm implements GroupNormBackend {
    private static final String FILE = "group_norm.cu";
    private static final int THREADS = 256;
    /** Elements a thread should handle at least before a reduction is split further. */
    private static final int PER_THREAD = 4;
    private static final long MAX_GRID_Y = 65535;
    /** Vectors a thread of a channels-last elementwise pass should cover, amortising its coefficient loads. */
    private static final int VECTORS_PER_THREAD = 8;
    /** {@code -Denr4j.groupNormVectors=false} keeps the scalar kernels, for A/B runs of the 16-byte ones. */
    private static final boolean VECTORS = !"false".equals(System.getProperty("enr4j.groupNormVectors"));
    /**
     * The most blocks that add one sample's channel sums into the same float32 workspace entries
     * ({@code -Denr4j.groupNormSplits=N}, 0 for no limit, for A/B runs): atomics on one address queue up, so a
     * one-image GroupNorm spread over the whole GPU spent most of its time waiting on them.
     */
    private static final long MAX_SPLITS = Long.getLong("enr4j.groupNormSplits", 64);
    /**
     * Channels-last, 16-byte path: the elementwise kernel's blocks turn the statistics kernel's sums into mean and
     * rstd themselves, so the statistics kernel ends without a last-block combine
     * ({@code -Denr4j.groupNormFinalize=stats} keeps the combine, for A/B runs).
     */
    private static final boolean FINALIZE_IN_APPLY = !"stats".equals(System.getProperty("enr4j.groupNormFinalize"));

    private final KernelCache cache = KernelCache.standard();
    private final Map<Integer, CudaModule> modules = new ConcurrentHashMap<>();
    private final String description;

    private CudaGroupNorm() {
        int device = torch_cuda.current_device();
        CudaModule m = module(device);
        this.description = Nvrtc.version() + ", " + m.arch() + ", " + m.multiprocessors() + " SMs";
    }

    /** Compiles (or reads from the cache) and loads the kernels for the current device; throws when it cannot. */
    static CudaGroupNorm load() {
        return new CudaGroupNorm();
    }

    String describe() {
        return description;
    }

    private CudaModule module(int device) {
        return modules.computeIfAbsent(device, d -> CudaModule.load(FILE, d, cache));
    }

    @Override
    public Forward forward(Problem p, Tensor x, Tensor weight, Tensor bias, Tensor preBias) {
        Launch l = new Launch(x);
        long sumsLength = p.batch() * p.channels() * 2;
        // one zeroed block holds the forward's sums and block counter and the backward's (sums, then the counter):
        // a slice of the pass's arena, or a fill of its own
        Tensor both = ZeroedArena.take(x, 2 * (sumsLength + 1));
        if (both == null) {
            both = torch.zeros(new long[] {2 * (sumsLength + 1)}, floats(x));
        }
        Tensor sums = both.narrow(0, 0, sumsLength);
        Tensor counter = both.narrow(0, sumsLength, 1);
        Tensor backwardWorkspace = both.narrow(0, sumsLength + 1, sumsLength + 1);
        both.deallocate();
        Tensor mean = torch.empty(new long[] {p.batch(), p.groups()}, floats(x), new org.bytedeco.pytorch.MemoryFormatOptional());
        Tensor rstd = torch.empty(new long[] {p.batch(), p.groups()}, floats(x), new org.bytedeco.pytorch.MemoryFormatOptional());
        Tensor y = torch.empty_like(x);
        String t = suffix(x);
        int w = Vectors.width(x);
        boolean vec = vectorised(p, x, y);
        boolean finalizeInApply = p.channelsLast() && vec && FINALIZE_IN_APPLY;
        if (p.channelsLast() && vec) {
            l.run("enr_gn_stats_last_vec_" + t, splitLastVec(l, p, w), lastVecBlock(p, w), x, sums,
                    p.channels(), p.spatial(), finalizeInApply ? null : counter, mean, rstd, p.batch(), p.groups(),
                    (float) p.eps(), preBias);
        } else if (p.channelsLast()) {
            l.run("enr_gn_stats_last_" + t, splitLast(l, p), new int[] {32, 8, 1}, x, sums, p.channels(), p.spatial(),
                    counter, mean, rstd, p.batch(), p.groups(), (float) p.eps(), preBias);
        } else if (vec) {
            l.run("enr_gn_stats_planes_vec_" + t, splitPlanes(l, p, w), new int[] {THREADS, 1, 1}, x, sums,
                    p.channels(), p.spatial(), p.batch() * p.channels(), counter, mean, rstd, p.batch(), p.groups(),
                    (float) p.eps(), preBias);
        } else {
            l.run("enr_gn_stats_planes_" + t, splitPlanes(l, p, 1), new int[] {THREADS, 1, 1}, x, sums, p.channels(),
                    p.spatial(), p.batch() * p.channels(), counter, mean, rstd, p.batch(), p.groups(), (float) p.eps(),
                    preBias);
        }
        if (finalizeInApply) {
            l.run("enr_gn_forward_last_vec_fin_" + t, applyLastVec(l, p, w), lastVecBlock(p, w), x, y, mean,
                    rstd, weight, bias, p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0,
                    (float) p.slope(), preBias, sums, (float) p.eps());
        } else if (vec && p.channelsLast()) {
            l.run("enr_gn_forward_last_vec_" + t, applyLastVec(l, p, w), lastVecBlock(p, w), x, y, mean,
                    rstd, weight, bias, p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0,
                    (float) p.slope(), preBias);
        } else if (vec) {
            l.run("enr_gn_forward_vec_" + t, elementwise(p, w), new int[] {THREADS, 1, 1}, x, y, mean, rstd,
                    weight, bias, p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0,
                    (float) p.slope(), preBias);
        } else {
            l.run("enr_gn_forward_" + t, elementwise(p, 1), new int[] {THREADS, 1, 1}, x, y, mean, rstd, weight,
                    bias, layout(p), p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0,
                    (float) p.slope(), preBias);
        }
        sums.deallocate();
        counter.deallocate();
        return new Forward(y, mean, rstd, backwardWorkspace);
    }

    @Override
    public Gradients backward(Problem p, Tensor dy, Tensor x, Forward f, Tensor weight, Tensor bias, boolean input,
                              boolean parameters, Tensor weightInto, Tensor biasInto) {
        Launch l = new Launch(x);
        long sumsLength = p.batch() * p.channels() * 2;
        Tensor workspace = f.workspace() != null ? f.workspace()
                : torch.zeros(new long[] {sumsLength + 1}, floats(x));
        Tensor sums = workspace.narrow(0, 0, sumsLength);
        Tensor counter = workspace.narrow(0, sumsLength, 1);
        String t = suffix(x);
        int w = Vectors.width(x);
        int act = p.activation() ? 1 : 0;
        float slope = (float) p.slope();
        Tensor dx = input ? torch.empty_like(x) : null;
        boolean vec = vectorised(p, x, dy) && (dx == null || Vectors.aligned(dx));
        boolean into = parameters && weightInto != null;
        Tensor dwb = parameters && !into ? torch.empty(new long[] {2 * p.channels()}, x.options(),
                new org.bytedeco.pytorch.MemoryFormatOptional()) : null;
        Tensor dweight = into ? weightInto : dwb == null ? null : dwb.narrow(0, 0, p.channels());
        Tensor dbias = into ? biasInto : dwb == null ? null : dwb.narrow(0, p.channels(), p.channels());
        Tensor c2 = null;
        Tensor c3 = null;
        if (input) {
            c2 = torch.empty(new long[] {p.batch(), p.groups()}, floats(x), new org.bytedeco.pytorch.MemoryFormatOptional());
            c3 = torch.empty(new long[] {p.batch(), p.groups()}, floats(x), new org.bytedeco.pytorch.MemoryFormatOptional());
        }
        // after its sums, the kernel's last block computes the coefficients and the parameter gradients
        Object[] finish = {counter, c2, c3, dweight, dbias, into ? 1 : 0, p.batch(), input ? 1 : 0, parameters ? 1 : 0};
        if (p.channelsLast() && vec) {
            l.run("enr_gn_grad_sums_last_vec_" + t, splitLastVec(l, p, w), lastVecBlock(p, w),
                    with(finish, x, dy, f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(), p.groups(),
                            act, slope));
        } else if (p.channelsLast()) {
            l.run("enr_gn_grad_sums_last_" + t, splitLast(l, p), new int[] {32, 8, 1}, with(finish, x, dy, f.mean(),
                    f.rstd(), weight, bias, sums, p.channels(), p.spatial(), p.groups(), act, slope));
        } else if (vec) {
            l.run("enr_gn_grad_sums_planes_vec_" + t, splitPlanes(l, p, w), new int[] {THREADS, 1, 1},
                    with(finish, x, dy, f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(),
                            p.batch() * p.channels(), p.groups(), act, slope));
        } else {
            l.run("enr_gn_grad_sums_planes_" + t, splitPlanes(l, p, 1), new int[] {THREADS, 1, 1}, with(finish, x, dy,
                    f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(), p.batch() * p.channels(),
                    p.groups(), act, slope));
        }
        if (input) {
            if (vec && p.channelsLast()) {
                l.run("enr_gn_backward_last_vec_" + t, applyLastVec(l, p, w), lastVecBlock(p, w), x, dy,
                        dx, f.mean(), f.rstd(), weight, bias, c2, c3, p.batch(), p.channels(), p.spatial(),
                        p.groups(), act, slope);
            } else if (vec) {
                l.run("enr_gn_backward_vec_" + t, elementwise(p, w), new int[] {THREADS, 1, 1}, x, dy, dx,
                        f.mean(), f.rstd(), weight, bias, c2, c3, p.batch(), p.channels(), p.spatial(), p.groups(),
                        act, slope);
            } else {
                l.run("enr_gn_backward_" + t, elementwise(p, 1), new int[] {THREADS, 1, 1}, x, dy, dx, f.mean(),
                        f.rstd(), weight, bias, c2, c3, layout(p), p.batch(), p.channels(), p.spatial(), p.groups(),
                        act, slope);
            }
        }
        return new Gradients(dx, into ? null : dweight, into ? null : dbias);
    }

    /** The kernel arguments {@code first}, then {@code tail}. */
    private static Object[] with(Object[] tail, Object... first) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + tail.length);
        System.arraycopy(tail, 0, all, first.length, tail.length);
        return all;
    }

    /**
     * Layout 0: (splits of S, planes); each block reduces at least THREADS * PER_THREAD elements, or vectors of
     * {@code width} elements.
     */
    private static long[] splitPlanes(Launch l, Problem p, int width) {
        long planes = Math.min(p.batch() * p.channels(), MAX_GRID_Y);
        long splits = clamp(ceil(4L * l.module.multiprocessors(), planes),
                ceil(p.spatial() / width, THREADS * PER_THREAD));
        return new long[] {splits, planes, 1};
    }

    /**
     * Whether layout 0's vectorised kernels apply: each plane a whole number of 16-byte vectors (S a multiple of the
     * width) and every tensor 16-byte aligned.
     */
    private static boolean vectorised(Problem p, Tensor x, Tensor other) {
        if (!VECTORS) {
            return false;
        }
        int w = Vectors.width(x);
        boolean shape = p.channelsLast() ? p.channels() % w == 0 && p.channels() / w <= THREADS : p.spatial() % w == 0;
        return shape && Vectors.aligned(x) && Vectors.aligned(other);
    }

    /**
     * Layout 1, vectorised: (C / width) x K threads, K rows of positions, at most THREADS in all (the elementwise
     * kernels rely on the count being a multiple of C / width).
     */
    private static int[] lastVecBlock(Problem p, int width) {
        int cv = (int) (p.channels() / width);
        return new int[] {cv * (THREADS / cv), 1, 1};
    }

    /**
     * Layout 1, vectorised: (splits of S, samples); each thread row reduces at least 8 positions, or fewer (down to
     * one) when that many would leave most of the GPU idle: a small input's reduction then waits on one load per
     * thread instead of eight in a row; at most {@link #MAX_SPLITS} per sample.
     */
    private static long[] splitLastVec(Launch l, Problem p, int width) {
        long rows = THREADS / (p.channels() / width);
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long wanted = ceil(4L * l.module.multiprocessors(), samples);
        long eight = ceil(p.spatial(), rows * 8);
        long splits = eight >= wanted ? wanted : clamp(wanted, ceil(p.spatial(), rows));
        return new long[] {MAX_SPLITS > 0 ? Math.min(splits, MAX_SPLITS) : splits, samples, 1};
    }

    /** Layout 1: (splits of S, samples, tiles of 32 channels); a block of 32 x 8 threads covers >= 64 positions. */
    private static long[] splitLast(Launch l, Problem p) {
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long tiles = ceil(p.channels(), 32);
        long splits = clamp(ceil(4L * l.module.multiprocessors(), samples * tiles), ceil(p.spatial(), 64));
        return new long[] {splits, samples, tiles};
    }

    /**
     * Layout 1, vectorised elementwise pass: (blocks over a sample's vectors, samples). A thread takes its channels'
     * coefficients once per sample, so each one should cover {@code VECTORS_PER_THREAD} vectors, as long as the
     * grid still fills the GPU.
     */
    private static long[] applyLastVec(Launch l, Problem p, int width) {
        long vectors = p.spatial() * (p.channels() / width);
        long threads = lastVecBlock(p, width)[0];
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long blocks = Math.max(ceil(vectors, threads * VECTORS_PER_THREAD), ceil(4L * l.module.multiprocessors(), samples));
        return new long[] {clamp(blocks, Math.min(ceil(vectors, threads), MAX_GRID_Y)), samples, 1};
    }

    /** @param width elements per thread step (1, or a vector's width for the vectorised kernels) */
    private static long[] elementwise(Problem p, int width) {
        if (p.channelsLast()) {
            long perSample = p.spatial() * p.channels();
            return new long[] {Math.max(1, Math.min(ceil(perSample, THREADS * PER_THREAD), Integer.MAX_VALUE)),
                Math.min(p.batch(), MAX_GRID_Y), 1};
        }
        return new long[] {Math.max(1, Math.min(ceil(p.spatial() / width, THREADS * (width == 1 ? PER_THREAD : 1)),
            MAX_GRID_Y)), Math.min(p.batch() * p.channels(), MAX_GRID_Y), 1};
    }

    private static long clamp(long wanted, long most) {
        return Math.max(1, Math.min(wanted, most));
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int layout(Problem p) {
        return p.channelsLast() ? 1 : 0;
    }

    private static String suffix(Tensor x) {
        return x.scalar_type().value == torch.ScalarType.BFloat16.value ? "bf16" : "f32";
    }

    private static org.bytedeco.pytorch.TensorOptions floats(Tensor like) {
        return like.options().dtype(new org.bytedeco.pytorch.ScalarTypeOptional(torch.ScalarType.Float));
    }

    /** The module and stream of one call: the tensor's device, libtorch's current stream there. */
    private final class Launch {
        final CudaModule module;
        final CUstream_st stream;

        Launch(Tensor x) {
            int device = x.device().index();
            this.module = module(device);
            this.stream = torch_cuda.getCurrentCUDAStream((byte) device).stream();
        }

        void run(String kernel, long[] grid, int[] block, Object... args) {
            module.launch(kernel, grid, block, stream, args);
        }
    }
}
