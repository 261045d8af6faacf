package enr4j.torch.cuda;

import enr4j.torch.StepScope;
import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.cuGetErrorString;
import static org.bytedeco.cuda.global.cudart.cuLaunchCooperativeKernel;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuOccupancyMaxActiveBlocksPerMultiprocessor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrMultiProcessorCount;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.pytorch.Tensor;

/**
 * One kernel source compiled for one device and loaded into libtorch's context on it (driver API), with its
 * functions looked up once. Kernels launch on the stream the caller passes: libtorch's current one.
 */
final class CudaModule {
    private final CUmod_st module;
    private final Map<String, CUfunc_st> functions = new ConcurrentHashMap<>();
    private final String arch;
    private final int multiprocessors;

    private CudaModule(CUmod_st module, String arch, int multiprocessors) {
        this.module = module;
        this.arch = arch;
        this.multiprocessors = multiprocessors;
    }

    /** Compiles {@code file} with NVRTC for {@code device}'s architecture (or reads it from the cache) and loads it. */
    static CudaModule load(String file, int device, KernelCache cache) {
        checkRuntime(cudaFree(null), "cudaFree"); // makes libtorch's primary context current on this thread
        int major = attribute(cudaDevAttrComputeCapabilityMajor, device);
        int minor = attribute(cudaDevAttrComputeCapabilityMinor, device);
        String arch = "sm_" + major + minor;
        String source = KernelSource.read(file);
        byte[] cubin = cache.get(file, source, arch, Nvrtc.version(), () -> Nvrtc.compile(source, file, arch));
        CUmod_st module = new CUmod_st();
        try (StepScope scope = StepScope.open()) {
            checkDriver(cuModuleLoadData(module, new BytePointer(cubin)), "cuModuleLoadData(" + file + ")");
        }
        return new CudaModule(module, arch, attribute(cudaDevAttrMultiProcessorCount, device));
    }

    String arch() {
        return arch;
    }

    int multiprocessors() {
        return multiprocessors;
    }

    /**
     * Launches {@code kernel} asynchronously on {@code stream}.
     *
     * @param args in the kernel's parameter order: {@link Tensor} (its device pointer), {@link Long} (a 64-bit
     *             integer), {@link Integer} (32-bit), {@link Float}
     */
    void launch(String kernel, long[] grid, int[] block, CUstream_st stream, Object... args) {
        launch(kernel, false, grid, block, stream, args);
    }

    /**
     * As {@link #launch}, with every block of the grid resident at once, so that they may wait for each other (a
     * cooperative launch: the driver refuses a grid larger than {@link #residentBlocks} allows).
     */
    void launchCooperative(String kernel, long[] grid, int[] block, CUstream_st stream, Object... args) {
        launch(kernel, true, grid, block, stream, args);
    }

    /** How many blocks of {@code threads} threads (no dynamic shared memory) the whole device holds at once. */
    int residentBlocks(String kernel, int threads) {
        int[] perMultiprocessor = new int[1];
        checkDriver(cuOccupancyMaxActiveBlocksPerMultiprocessor(perMultiprocessor, function(kernel), threads, 0L),
                "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + kernel + ")");
        return perMultiprocessor[0] * multiprocessors;
    }

    private void launch(String kernel, boolean cooperative, long[] grid, int[] block, CUstream_st stream,
                        Object... args) {
        CUfunc_st f = function(kernel);
        try (StepScope scope = StepScope.open()) {
            PointerPointer<Pointer> params = new PointerPointer<>(args.length);
            for (int i = 0; i < args.length; i++) {
                params.put(i, parameter(args[i]));
            }
            int rc = cooperative
                    ? cuLaunchCooperativeKernel(f, (int) grid[0], (int) grid[1], (int) grid[2], block[0], block[1],
                            block[2], 0, stream, params)
                    : cuLaunchKernel(f, (int) grid[0], (int) grid[1], (int) grid[2], block[0], block[1], block[2],
                            0, stream, params, (PointerPointer) null);
            checkDriver(rc, (cooperative ? "cuLaunchCooperativeKernel(" : "cuLaunchKernel(") + kernel + ")");
        }
    }

    private CUfunc_st function(String kernel) {
        return functions.computeIfAbsent(kernel, this::lookUp);
    }

    /** A tensor's device pointer, a null device pointer for {@code null}, or a scalar. */
    private static Pointer parameter(Object arg) {
        if (arg == null) {
            return new LongPointer(1).put(0L);
        }
        if (arg instanceof Tensor t) {
            return new LongPointer(1).put(t.data_ptr().address());
        }
        if (arg instanceof Long v) {
            return new LongPointer(1).put(v);
        }
        if (arg instanceof Integer v) {
            return new IntPointer(1).put(v);
        }
        if (arg instanceof Float v) {
            return new FloatPointer(1).put(v);
        }
        throw new IllegalArgumentException("unsupported kernel argument " + arg);
    }

    private CUfunc_st lookUp(String kernel) {
        CUfunc_st f = new CUfunc_st();
        checkDriver(cuModuleGetFunction(f, module, kernel), "cuModuleGetFunction(" + kernel + ")");
        return f;
    }

    private static int attribute(int which, int device) {
        int[] v = new int[1];
        checkRuntime(cudaDeviceGetAttribute(v, which, device), "cudaDeviceGetAttribute");
        return v[0];
    }

    private static void checkDriver(int rc, String call) {
        if (rc != CUDA_SUCCESS) {
            BytePointer message = new BytePointer((Pointer) null);
            cuGetErrorString(rc, message);
            throw new IllegalStateException(call + " failed: CUDA error " + rc
                    + (message.isNull() ? "" : " (" + message.getString() + ")"));
        }
    }

    private static void checkRuntime(int rc, String call) {
        if (rc != cudaSuccess) {
            throw new IllegalStateException(call + " failed: " + cudaGetErrorString(rc).getString());
        }
    }
}
