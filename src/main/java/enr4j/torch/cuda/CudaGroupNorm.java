package enr4j.torch.cuda;

import static enr4j.torch.cuda.GroupNormGrids.THREADS;
import static enr4j.torch.cuda.GroupNormGrids.applyLastVec;
import static enr4j.torch.cuda.GroupNormGrids.elementwise;
import static enr4j.torch.cuda.GroupNormGrids.lastVecBlock;
import static enr4j.torch.cuda.GroupNormGrids.splitLast;
import static enr4j.torch.cuda.GroupNormGrids.splitLastVec;
import static enr4j.torch.cuda.GroupNormGrids.splitPlanes;
import static enr4j.torch.cuda.GroupNormGrids.vectorised;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch_cuda;

/**
 * {@link GroupNormBackend} on the kernels of {@code group_norm.cu}, launched on libtorch's current stream. Forward:
 * per-channel shifted sums (blocks over the spatial positions, atomics into a float32 workspace zeroed together with
 * the backward's), the kernel's last block combining them into mean and rstd per group; one elementwise pass. A
 * small channels-last input takes one kernel for both instead (a cooperative launch whose blocks meet at a barrier
 * between the sums and the elementwise pass): a one-image GroupNorm is mostly two launches' ramp and drain.
 * Backward: the same split reduction of {@code dz} and {@code dz * x}, its last block computing the coefficients and
 * the parameter gradients (in x's dtype); one elementwise pass. Weight and bias are read in x's dtype.
 *
 * <p>With {@link CudaResample}, the only classes besides {@link CudaModule} and {@link Nvrtc} that touch the CUDA
 * presets; reached through {@link Kernels} after its probe.
 */
final class CudaGroupNorm implements GroupNormBackend {
    private static final String FILE = "group_norm.cu";
    /**
     * Channels-last, 16-byte path: the elementwise kernel's blocks turn the statistics kernel's sums into mean and
     * rstd themselves, so the statistics kernel ends without a last-block combine
     * ({@code -Denr4j.groupNormFinalize=stats} keeps the combine, for A/B runs).
     */
    private static final boolean FINALIZE_IN_APPLY = !"stats".equals(System.getProperty("enr4j.groupNormFinalize"));
    private static final System.Logger LOG = System.getLogger(CudaGroupNorm.class.getName());
    /** Cleared, once and for the process, when the driver refuses the one-kernel forward pass's cooperative launch. */
    private static volatile boolean onePassUsable = true;

    private final KernelCache cache = KernelCache.standard();
    private final Map<Integer, CudaModule> modules = new ConcurrentHashMap<>();
    /** Per device and kernel: how many of its blocks the device holds at once. */
    private final Map<String, Long> resident = new ConcurrentHashMap<>();
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
        if (finalizeInApply && onePass(l, p, x, y, sums, counter, mean, rstd, weight, bias, preBias)) {
            sums.deallocate();
            counter.deallocate();
            return new Forward(y, mean, rstd, backwardWorkspace);
        }
        if (p.channelsLast() && vec) {
            l.run("enr_gn_stats_last_vec_" + t, splitLastVec(l.sms, p, w), lastVecBlock(p, w), x, sums,
                    p.channels(), p.spatial(), finalizeInApply ? null : counter, mean, rstd, p.batch(), p.groups(),
                    (float) p.eps(), preBias);
        } else if (p.channelsLast()) {
            l.run("enr_gn_stats_last_" + t, splitLast(l.sms, p), new int[] {32, 8, 1}, x, sums, p.channels(),
                    p.spatial(), counter, mean, rstd, p.batch(), p.groups(), (float) p.eps(), preBias);
        } else if (vec) {
            l.run("enr_gn_stats_planes_vec_" + t, splitPlanes(l.sms, p, w), new int[] {THREADS, 1, 1}, x, sums,
                    p.channels(), p.spatial(), p.batch() * p.channels(), counter, mean, rstd, p.batch(), p.groups(),
                    (float) p.eps(), preBias);
        } else {
            l.run("enr_gn_stats_planes_" + t, splitPlanes(l.sms, p, 1), new int[] {THREADS, 1, 1}, x, sums,
                    p.channels(), p.spatial(), p.batch() * p.channels(), counter, mean, rstd, p.batch(), p.groups(),
                    (float) p.eps(), preBias);
        }
        if (finalizeInApply) {
            l.run("enr_gn_forward_last_vec_fin_" + t, applyLastVec(l.sms, p, w), lastVecBlock(p, w), x, y, mean,
                    rstd, weight, bias, p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0,
                    (float) p.slope(), preBias, sums, (float) p.eps());
        } else if (vec && p.channelsLast()) {
            l.run("enr_gn_forward_last_vec_" + t, applyLastVec(l.sms, p, w), lastVecBlock(p, w), x, y, mean,
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

    /**
     * The forward pass as one kernel, when {@link GroupNormGrids#onePass} says it fits: statistics, a grid barrier,
     * normalisation. Returns false (nothing launched) when it does not fit or the driver refuses it.
     */
    private boolean onePass(Launch l, Problem p, Tensor x, Tensor y, Tensor sums, Tensor counter, Tensor mean,
                            Tensor rstd, Tensor weight, Tensor bias, Tensor preBias) {
        if (!onePassUsable) {
            return false;
        }
        String t = suffix(x);
        String kernel = "enr_gn_one_pass_last_vec_" + t;
        int w = Vectors.width(x);
        int[] block = lastVecBlock(p, w);
        long fits = resident.computeIfAbsent(l.device + ":" + kernel + ":" + block[0],
                k -> (long) l.module.residentBlocks(kernel, block[0]));
        long[] grid = GroupNormGrids.onePass(l.sms, p, w, fits);
        if (grid == null) {
            return false;
        }
        try {
            l.module.launchCooperative(kernel, grid, block, l.stream, x, y, sums, counter, mean, rstd, weight, bias,
                    p.batch(), p.channels(), p.spatial(), p.groups(), p.activation() ? 1 : 0, (float) p.slope(),
                    preBias, (float) p.eps());
            return true;
        } catch (IllegalStateException e) {
            onePassUsable = false;
            LOG.log(System.Logger.Level.WARNING, "GroupNorm: one-kernel forward pass off (" + e.getMessage()
                    + "); two kernels from now on");
            return false;
        }
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
            l.run("enr_gn_grad_sums_last_vec_" + t, splitLastVec(l.sms, p, w), lastVecBlock(p, w),
                    with(finish, x, dy, f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(), p.groups(),
                            act, slope));
        } else if (p.channelsLast()) {
            l.run("enr_gn_grad_sums_last_" + t, splitLast(l.sms, p), new int[] {32, 8, 1}, with(finish, x, dy, f.mean(),
                    f.rstd(), weight, bias, sums, p.channels(), p.spatial(), p.groups(), act, slope));
        } else if (vec) {
            l.run("enr_gn_grad_sums_planes_vec_" + t, splitPlanes(l.sms, p, w), new int[] {THREADS, 1, 1},
                    with(finish, x, dy, f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(),
                            p.batch() * p.channels(), p.groups(), act, slope));
        } else {
            l.run("enr_gn_grad_sums_planes_" + t, splitPlanes(l.sms, p, 1), new int[] {THREADS, 1, 1},
                    with(finish, x, dy, f.mean(), f.rstd(), weight, bias, sums, p.channels(), p.spatial(),
                            p.batch() * p.channels(), p.groups(), act, slope));
        }
        if (input) {
            if (vec && p.channelsLast()) {
                l.run("enr_gn_backward_last_vec_" + t, applyLastVec(l.sms, p, w), lastVecBlock(p, w), x, dy,
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
        final int device;
        final int sms;
        final CudaModule module;
        final CUstream_st stream;

        Launch(Tensor x) {
            this.device = x.device().index();
            this.module = module(device);
            this.sms = module.multiprocessors();
            this.stream = torch_cuda.getCurrentCUDAStream((byte) device).stream();
        }

        void run(String kernel, long[] grid, int[] block, Object... args) {
            module.launch(kernel, grid, block, stream, args);
        }
    }
}
