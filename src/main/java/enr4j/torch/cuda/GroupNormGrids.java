package enr4j.torch.cuda;

import enr4j.torch.cuda.GroupNormBackend.Problem;
import org.bytedeco.pytorch.Tensor;

/**
 * Grid and block shapes of the {@code group_norm.cu} kernels for one {@link Problem}, on a device of {@code sms}
 * multiprocessors: how a reduction is split over blocks, how an elementwise pass covers a sample, and when a
 * channels-last forward pass fits the one-kernel path.
 */
final class GroupNormGrids {
    static final int THREADS = 256;
    /** Elements a thread should handle at least before a reduction is split further. */
    private static final int PER_THREAD = 4;
    static final long MAX_GRID_Y = 65535;
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
     * A channels-last forward pass runs as one kernel when each of its threads then covers at most this many vectors
     * ({@code -Denr4j.groupNormOnePass=N}, 0 keeps two kernels always, for A/B runs). Its grid is the statistics
     * kernel's, which for a large input is too small to stream the elementwise pass at full speed.
     */
    static final long ONE_PASS_VECTORS = Long.getLong("enr4j.groupNormOnePass", 16);

    private GroupNormGrids() {}

    /**
     * Layout 0: (splits of S, planes); each block reduces at least THREADS * PER_THREAD elements, or vectors of
     * {@code width} elements.
     */
    static long[] splitPlanes(int sms, Problem p, int width) {
        long planes = Math.min(p.batch() * p.channels(), MAX_GRID_Y);
        long splits = clamp(ceil(4L * sms, planes),
                ceil(p.spatial() / width, THREADS * PER_THREAD));
        return new long[] {splits, planes, 1};
    }

    /**
     * Whether layout 0's vectorised kernels apply: each plane a whole number of 16-byte vectors (S a multiple of the
     * width) and every tensor 16-byte aligned.
     */
    static boolean vectorised(Problem p, Tensor x, Tensor other) {
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
    static int[] lastVecBlock(Problem p, int width) {
        int cv = (int) (p.channels() / width);
        return new int[] {cv * (THREADS / cv), 1, 1};
    }

    /**
     * Layout 1, vectorised: (splits of S, samples); each thread row reduces at least 8 positions, or fewer (down to
     * one) when that many would leave most of the GPU idle: a small input's reduction then waits on one load per
     * thread instead of eight in a row; at most {@link #MAX_SPLITS} per sample.
     */
    static long[] splitLastVec(int sms, Problem p, int width) {
        long rows = THREADS / (p.channels() / width);
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long wanted = ceil(4L * sms, samples);
        long eight = ceil(p.spatial(), rows * 8);
        long splits = eight >= wanted ? wanted : clamp(wanted, ceil(p.spatial(), rows));
        return new long[] {MAX_SPLITS > 0 ? Math.min(splits, MAX_SPLITS) : splits, samples, 1};
    }

    /** Layout 1: (splits of S, samples, tiles of 32 channels); a block of 32 x 8 threads covers >= 64 positions. */
    static long[] splitLast(int sms, Problem p) {
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long tiles = ceil(p.channels(), 32);
        long splits = clamp(ceil(4L * sms, samples * tiles), ceil(p.spatial(), 64));
        return new long[] {splits, samples, tiles};
    }

    /**
     * Layout 1, vectorised elementwise pass: (blocks over a sample's vectors, samples). A thread takes its channels'
     * coefficients once per sample, so each one should cover {@code VECTORS_PER_THREAD} vectors, as long as the
     * grid still fills the GPU.
     */
    static long[] applyLastVec(int sms, Problem p, int width) {
        long vectors = p.spatial() * (p.channels() / width);
        long threads = lastVecBlock(p, width)[0];
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        long blocks = Math.max(ceil(vectors, threads * VECTORS_PER_THREAD), ceil(4L * sms, samples));
        return new long[] {clamp(blocks, Math.min(ceil(vectors, threads), MAX_GRID_Y)), samples, 1};
    }

    /** @param width elements per thread step (1, or a vector's width for the vectorised kernels) */
    static long[] elementwise(Problem p, int width) {
        if (p.channelsLast()) {
            long perSample = p.spatial() * p.channels();
            return new long[] {Math.max(1, Math.min(ceil(perSample, THREADS * PER_THREAD), Integer.MAX_VALUE)),
                Math.min(p.batch(), MAX_GRID_Y), 1};
        }
        return new long[] {Math.max(1, Math.min(ceil(p.spatial() / width, THREADS * (width == 1 ? PER_THREAD : 1)),
            MAX_GRID_Y)), Math.min(p.batch() * p.channels(), MAX_GRID_Y), 1};
    }

    /**
     * The one-kernel forward pass's grid, (splits of S, samples), when it applies: every block resident at once
     * ({@code resident} blocks fit the device), each thread covering at most {@link #ONE_PASS_VECTORS} vectors;
     * else null.
     */
    static long[] onePass(int sms, Problem p, int width, long resident) {
        long samples = Math.min(p.batch(), MAX_GRID_Y);
        if (ONE_PASS_VECTORS <= 0 || samples > resident) {
            return null;
        }
        long splits = Math.min(splitLastVec(sms, p, width)[0], resident / samples);
        long vectors = p.spatial() * (p.channels() / width);
        long perThread = ceil(vectors, splits * lastVecBlock(p, width)[0]) * ceil(p.batch(), samples);
        return perThread <= ONE_PASS_VECTORS ? new long[] {splits, samples, 1} : null;
    }

    private static long clamp(long wanted, long most) {
        return Math.max(1, Math.min(wanted, most));
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
