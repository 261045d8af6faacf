// Volumes resampled by affine maps, as libtorch's affine_grid + grid_sample (3D, align_corners false, zero padding,
// trilinear or nearest) compute it, with the sampling grid made on the fly in float32 and float32 arithmetic for
// any element type: float32 or bfloat16 volumes are read and written as they are, without float32 copies.
//
// Shapes: input volumes B' x C x D x H x W with B' = B, or one volume read for every batch item (in_batch = 0);
// output and dy B x C x D x H x W; theta B x 3 x 4 float32 (rows: width, height, depth coordinates). Layout 0: each
// volume C, D, H, W contiguous; layout 1 (channels last): D, H, W, C. gin: the input's gradient, float32, zeroed,
// B' volumes in the input's layout (accumulated with atomics).
//
// Layout 0: one thread per output position, looping over channels. Layout 1: one warp per output position, its
// lanes over channels, so neighbouring lanes read (and add into) neighbouring channels of a corner.
//
// Self-contained on purpose (no headers): NVRTC and nvcc compile it alike, bfloat16 is handled as its bits.

typedef unsigned short bf16_t;

__device__ __forceinline__ float load(const float* p) { return *p; }
__device__ __forceinline__ float load(const bf16_t* p) { return __uint_as_float(((unsigned int) *p) << 16); }

__device__ __forceinline__ void store(float* p, float v) { *p = v; }
__device__ __forceinline__ void store(bf16_t* p, float v) {
    unsigned int u = __float_as_uint(v);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        *p = (bf16_t) ((u >> 16) | 0x40u); // NaN stays a (quiet) NaN
        return;
    }
    u += 0x7fffu + ((u >> 16) & 1u); // round to nearest even
    *p = (bf16_t) (u >> 16);
}

// The base grid coordinate of index i of n as affine_grid makes it: linspace(-1, 1, n), scaled by (n - 1) / n.
__device__ __forceinline__ float base_coordinate(int i, int n) {
    if (n <= 1) {
        return 0.f;
    }
    float step = 2.f / (float) (n - 1);
    float r = i < n / 2 ? __fadd_rn(-1.f, __fmul_rn(step, (float) i)) : __fsub_rn(1.f, __fmul_rn(step, (float) (n - 1 - i)));
    return __fdiv_rn(__fmul_rn(r, (float) (n - 1)), (float) n);
}

// grid_sample's source index for a normalised coordinate (align_corners false).
__device__ __forceinline__ float source_index(float coord, int size) {
    return ((coord + 1.f) * (float) size - 1.f) / 2.f;
}

// Where output position (z, y, x) of batch item b samples: 8 corners (or 1 when nearest) with their weights; a
// corner outside the volume gets offset -1.
template <bool NEAREST>
struct Corners {
    static const int COUNT = NEAREST ? 1 : 8;
    long long offset[COUNT];
    float weight[COUNT];
};

template <bool NEAREST>
__device__ __forceinline__ void locate(const float* theta, int b, int z, int y, int x, int D, int H, int W, int C,
                                       int layout, Corners<NEAREST>& k) {
    const float* t = theta + 12 * b;
    float bx = base_coordinate(x, W), by = base_coordinate(y, H), bz = base_coordinate(z, D);
    float gx = t[0] * bx + t[1] * by + t[2] * bz + t[3];
    float gy = t[4] * bx + t[5] * by + t[6] * bz + t[7];
    float gz = t[8] * bx + t[9] * by + t[10] * bz + t[11];
    float ix = source_index(gx, W), iy = source_index(gy, H), iz = source_index(gz, D);
    long long plane = (long long) H * W;
    // element offset of voxel (zz, yy, xx) in one volume, channel 0; channel c adds c * D * H * W (layout 0) or c
    long long scale = layout == 0 ? 1 : C;
    if (NEAREST) {
        int xx = (int) nearbyintf(ix), yy = (int) nearbyintf(iy), zz = (int) nearbyintf(iz);
        bool in = xx >= 0 && xx < W && yy >= 0 && yy < H && zz >= 0 && zz < D;
        k.offset[0] = in ? ((long long) zz * plane + (long long) yy * W + xx) * scale : -1;
        k.weight[0] = 1.f;
        return;
    }
    int x0 = (int) floorf(ix), y0 = (int) floorf(iy), z0 = (int) floorf(iz);
    float fx1 = ix - (float) x0, fy1 = iy - (float) y0, fz1 = iz - (float) z0;
    float fx0 = (float) (x0 + 1) - ix, fy0 = (float) (y0 + 1) - iy, fz0 = (float) (z0 + 1) - iz;
#pragma unroll
    for (int n = 0; n < Corners<NEAREST>::COUNT; n++) {
        int dx = n & 1, dy = (n >> 1) & 1, dz = n >> 2;
        int xx = x0 + dx, yy = y0 + dy, zz = z0 + dz;
        bool in = xx >= 0 && xx < W && yy >= 0 && yy < H && zz >= 0 && zz < D;
        k.offset[n] = in ? ((long long) zz * plane + (long long) yy * W + xx) * scale : -1;
        k.weight[n] = (dx ? fx1 : fx0) * (dy ? fy1 : fy0) * (dz ? fz1 : fz0);
    }
}

// Layout 0. Grid over B * D * H * W positions, 256 threads.
template <typename T, bool NEAREST>
__device__ void resample_planes(const T* in, T* out, const float* theta, long long in_batch, int B, int C, int D,
                                int H, int W) {
    long long volume = (long long) D * H * W;
    long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x;
    if (i >= B * volume) {
        return;
    }
    int b = (int) (i / volume);
    long long s = i - b * volume;
    int z = (int) (s / ((long long) H * W)), y = (int) ((s / W) % H), x = (int) (s % W);
    Corners<NEAREST> k;
    locate<NEAREST>(theta, b, z, y, x, D, H, W, C, 0, k);
    const T* src = in + b * in_batch;
    T* dst = out + (long long) b * C * volume + s;
    for (int c = 0; c < C; c++) {
        float v = 0.f;
        #pragma unroll
        for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
            if (k.offset[j] >= 0) {
                v += k.weight[j] * load(src + (long long) c * volume + k.offset[j]);
            }
        }
        store(dst + (long long) c * volume, v);
    }
}

// Layout 0 backward: gin[corner] += weight * dy, per channel.
template <typename T, bool NEAREST>
__device__ void resample_planes_backward(const T* dy, float* gin, const float* theta, long long in_batch, int B,
                                         int C, int D, int H, int W) {
    long long volume = (long long) D * H * W;
    long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x;
    if (i >= B * volume) {
        return;
    }
    int b = (int) (i / volume);
    long long s = i - b * volume;
    int z = (int) (s / ((long long) H * W)), y = (int) ((s / W) % H), x = (int) (s % W);
    Corners<NEAREST> k;
    locate<NEAREST>(theta, b, z, y, x, D, H, W, C, 0, k);
    float* dst = gin + b * in_batch;
    const T* g = dy + (long long) b * C * volume + s;
    for (int c = 0; c < C; c++) {
        float gv = load(g + (long long) c * volume);
        #pragma unroll
        for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
            if (k.offset[j] >= 0) {
                atomicAdd(dst + (long long) c * volume + k.offset[j], k.weight[j] * gv);
            }
        }
    }
}

// Layout 1. Grid over B * D * H * W / 8 positions, block (32, 8): warp threadIdx.y takes one position.
template <typename T, bool NEAREST>
__device__ void resample_last(const T* in, T* out, const float* theta, long long in_batch, int B, int C, int D,
                              int H, int W) {
    long long volume = (long long) D * H * W;
    long long i = blockIdx.x * (long long) blockDim.y + threadIdx.y;
    if (i >= B * volume) {
        return;
    }
    int b = (int) (i / volume);
    long long s = i - b * volume;
    int z = (int) (s / ((long long) H * W)), y = (int) ((s / W) % H), x = (int) (s % W);
    Corners<NEAREST> k;
    locate<NEAREST>(theta, b, z, y, x, D, H, W, C, 1, k);
    const T* src = in + b * in_batch;
    T* dst = out + i * C;
    for (int c = threadIdx.x; c < C; c += 32) {
        float v = 0.f;
        #pragma unroll
        for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
            if (k.offset[j] >= 0) {
                v += k.weight[j] * load(src + k.offset[j] + c);
            }
        }
        store(dst + c, v);
    }
}

template <typename T, bool NEAREST>
__device__ void resample_last_backward(const T* dy, float* gin, const float* theta, long long in_batch, int B, int C,
                                       int D, int H, int W) {
    long long volume = (long long) D * H * W;
    long long i = blockIdx.x * (long long) blockDim.y + threadIdx.y;
    if (i >= B * volume) {
        return;
    }
    int b = (int) (i / volume);
    long long s = i - b * volume;
    int z = (int) (s / ((long long) H * W)), y = (int) ((s / W) % H), x = (int) (s % W);
    Corners<NEAREST> k;
    locate<NEAREST>(theta, b, z, y, x, D, H, W, C, 1, k);
    float* dst = gin + b * in_batch;
    const T* g = dy + i * C;
    for (int c = threadIdx.x; c < C; c += 32) {
        float gv = load(g + c);
        #pragma unroll
        for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
            if (k.offset[j] >= 0) {
                atomicAdd(dst + k.offset[j] + c, k.weight[j] * gv);
            }
        }
    }
}

// One kernel per element type, layout and direction; nearest picks the one-corner variant.
#define ENR_RESAMPLE_KERNEL(NAME, SUFFIX, IN_T, OUT_T, IN, OUT)                                                        \
    extern "C" __global__ void enr_##NAME##_##SUFFIX(IN_T IN, OUT_T OUT, const float* theta, long long in_batch,       \
                                                     int B, int C, int D, int H, int W, int nearest) {                \
        if (nearest) {                                                                                                 \
            NAME<T, true>(IN, OUT, theta, in_batch, B, C, D, H, W);                                                    \
        } else {                                                                                                       \
            NAME<T, false>(IN, OUT, theta, in_batch, B, C, D, H, W);                                                   \
        }                                                                                                              \
    }

#define ENR_RESAMPLE_KERNELS(SUFFIX)                                                                                   \
    ENR_RESAMPLE_KERNEL(resample_planes, SUFFIX, const T*, T*, in, out)                                                \
    ENR_RESAMPLE_KERNEL(resample_planes_backward, SUFFIX, const T*, float*, dy, gin)                                   \
    ENR_RESAMPLE_KERNEL(resample_last, SUFFIX, const T*, T*, in, out)                                                  \
    ENR_RESAMPLE_KERNEL(resample_last_backward, SUFFIX, const T*, float*, dy, gin)

#define T float
ENR_RESAMPLE_KERNELS(f32)
#undef T
#define T bf16_t
ENR_RESAMPLE_KERNELS(bf16)
#undef T
