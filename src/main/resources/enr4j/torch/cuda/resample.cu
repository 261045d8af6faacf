// Volumes resampled by affine maps, as libtorch's affine_grid + grid_sample (3D, align_corners false, zero padding,
// trilinear or nearest) compute it, with the sampling grid made on the fly in float32 and float32 arithmetic for
// any element type: float32 or bfloat16 volumes are read and written as they are, without float32 copies.
//
// Shapes: input volumes B' x C x D x H x W with B' = B, or one volume read for every batch item (in_batch = 0);
// output and dy B x C x D x H x W; theta B x 3 x 4 float32 (rows: width, height, depth coordinates). Layout 0: each
// volume C, D, H, W contiguous; layout 1 (channels last): D, H, W, C. gin: the input's gradient, float32, zeroed,
// B' volumes in the input's layout (accumulated with atomics).
//
// Layout 1 forward, when C is a multiple of Vec's width and the volumes and output are 16-byte aligned
// (resample_last_vec): one thread per (output position, chunk of WIDTH channels: 8 bfloat16 or 4 float32), the
// C / WIDTH threads of a position consecutive, so they read each corner's channel row as one contiguous run of
// 16-byte loads and write the position's channels with 16-byte stores. Otherwise, and for the backward pass, layout
// 1 gives each output position a warp whose lanes take neighbouring channels, so they read (and add into)
// neighbouring channels of a corner. Both forward kernels sum each element in the same order: they agree bit for
// bit.
//
// No CUDA headers: NVRTC and nvcc compile it alike; bfloat16 is handled as its bits (elements.cuh).

#include "elements.cuh"

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

// Output position i of the B x D x H x W grid (positions = B * volume of them): batch item b, voxel (z, y, x), and s,
// its index within the volume.
struct Position {
    int b, z, y, x;
    long long s;
};

__device__ __forceinline__ Position decode(long long i, long long positions, long long volume, int H, int W) {
    Position p;
    if (positions <= 0x7fffffffLL) {
        // 32-bit division: the 64-bit kind is emulated in dozens of instructions, and every position does four
        unsigned int u = (unsigned int) i, v = (unsigned int) volume, w = (unsigned int) W;
        unsigned int ub = u / v, us = u - ub * v, row = us / w;
        p.b = (int) ub;
        p.s = us;
        p.x = (int) (us - row * w);
        p.y = (int) (row % (unsigned int) H);
        p.z = (int) (row / (unsigned int) H);
    } else {
        p.b = (int) (i / volume);
        p.s = i - p.b * volume;
        p.z = (int) (p.s / ((long long) H * W)), p.y = (int) ((p.s / W) % H), p.x = (int) (p.s % W);
    }
    return p;
}

// Output position i = (b, z, y, x) of the B x D x H x W grid; channel c of it sits at b * C * volume + c * volume + s
// (layout 0) or i * C + c (layout 1), channel c of a corner at offset + c * volume or offset + c. Forward: out =
// the weighted corners of src (the volumes). BACKWARD: src is dy, each weighted dy is added into gin's corners. Layout
// 0: one thread per position (grid over positions, 256 threads), looping over channels; layout 1: one warp per
// position (block 32 x 8, warp threadIdx.y), its lanes over channels.
template <typename T, bool NEAREST, int LAYOUT, bool BACKWARD>
__device__ void resample(const T* src, T* out, float* gin, const float* theta, long long in_batch, int B, int C,
                         int D, int H, int W) {
    long long volume = (long long) D * H * W;
    long long i = LAYOUT == 0 ? blockIdx.x * (long long) blockDim.x + threadIdx.x
                              : blockIdx.x * (long long) blockDim.y + threadIdx.y;
    if (i >= B * volume) {
        return;
    }
    Position p = decode(i, B * volume, volume, H, W);
    int b = p.b;
    long long s = p.s;
    Corners<NEAREST> k;
    locate<NEAREST>(theta, b, p.z, p.y, p.x, D, H, W, C, LAYOUT, k);
    long long corner_base = b * in_batch;
    for (int c = LAYOUT == 0 ? 0 : threadIdx.x; c < C; c += LAYOUT == 0 ? 1 : 32) {
        long long at = LAYOUT == 0 ? (long long) b * C * volume + (long long) c * volume + s : i * C + c;
        long long channel = LAYOUT == 0 ? (long long) c * volume : c;
        if (BACKWARD) {
            float g = load(src + at);
#pragma unroll
            for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
                if (k.offset[j] >= 0) {
                    atomicAdd(gin + corner_base + k.offset[j] + channel, k.weight[j] * g);
                }
            }
        } else {
            float v = 0.f;
#pragma unroll
            for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
                if (k.offset[j] >= 0) {
                    v += k.weight[j] * load(src + corner_base + k.offset[j] + channel);
                }
            }
            store(out + at, v);
        }
    }
}

// Layout 1 forward, 16 bytes at a time: thread t takes chunk t % (C / WIDTH) of output position t / (C / WIDTH),
// channels chunk * WIDTH onwards. Each element is summed as resample sums it: v += w_j * value_j over the corners in
// order. Needs C % WIDTH == 0 and src, out and in_batch aligned to 16 bytes. A grid-stride loop, as the thread count
// may exceed the grid's.
template <typename T, bool NEAREST>
__device__ void resample_last_vec(const T* __restrict__ src, T* __restrict__ out, const float* theta,
                                  long long in_batch, int B, int C, int D, int H, int W) {
    const int WIDTH = Vec<T>::WIDTH;
    long long volume = (long long) D * H * W;
    long long positions = B * volume;
    int chunks = C / WIDTH;
    long long threads = positions * chunks;
    for (long long t = blockIdx.x * (long long) blockDim.x + threadIdx.x; t < threads;
         t += (long long) gridDim.x * blockDim.x) {
        long long i;
        int chunk;
        if (threads <= 0x7fffffffLL) {
            unsigned int u = (unsigned int) t, q = u / (unsigned int) chunks;
            i = q;
            chunk = (int) (u - q * (unsigned int) chunks);
        } else {
            i = t / chunks;
            chunk = (int) (t - i * chunks);
        }
        Position p = decode(i, positions, volume, H, W);
        Corners<NEAREST> k;
        locate<NEAREST>(theta, p.b, p.z, p.y, p.x, D, H, W, C, 1, k);
        const T* row = src + p.b * in_batch + chunk * WIDTH;
        float v[WIDTH];
#pragma unroll
        for (int e = 0; e < WIDTH; e++) {
            v[e] = 0.f;
        }
#pragma unroll
        for (int j = 0; j < Corners<NEAREST>::COUNT; j++) {
            if (k.offset[j] >= 0) {
                Vec<T> corner = Vec<T>::at(row + k.offset[j]);
#pragma unroll
                for (int e = 0; e < WIDTH; e++) {
                    v[e] += k.weight[j] * corner.get(e);
                }
            }
        }
        Vec<T> r;
#pragma unroll
        for (int e = 0; e < WIDTH; e++) {
            r.set(e, v[e]);
        }
        r.put(out + i * C + chunk * WIDTH);
    }
}

// One kernel per element type, layout and direction; nearest picks the one-corner variant.
#define ENR_RESAMPLE_KERNEL(T, SUFFIX, NAME, LAYOUT, BACKWARD)                                                          \
    extern "C" __global__ void enr_##NAME##_##SUFFIX(const T* src, T* out, float* gin, const float* theta,            \
                                                     long long in_batch, int B, int C, int D, int H, int W,           \
                                                     int nearest) {                                                   \
        if (nearest) {                                                                                                 \
            resample<T, true, LAYOUT, BACKWARD>(src, out, gin, theta, in_batch, B, C, D, H, W);                        \
        } else {                                                                                                       \
            resample<T, false, LAYOUT, BACKWARD>(src, out, gin, theta, in_batch, B, C, D, H, W);                       \
        }                                                                                                              \
    }

// The 16-byte layout 1 forward, with the others' parameters (gin unused).
#define ENR_RESAMPLE_VEC_KERNEL(T, SUFFIX)                                                                             \
    extern "C" __global__ void enr_resample_last_vec_##SUFFIX(const T* src, T* out, float* gin, const float* theta,   \
                                                              long long in_batch, int B, int C, int D, int H, int W,  \
                                                              int nearest) {                                          \
        if (nearest) {                                                                                                 \
            resample_last_vec<T, true>(src, out, theta, in_batch, B, C, D, H, W);                                      \
        } else {                                                                                                       \
            resample_last_vec<T, false>(src, out, theta, in_batch, B, C, D, H, W);                                     \
        }                                                                                                              \
    }

#define ENR_RESAMPLE_KERNELS(T, SUFFIX)                                                                                \
    ENR_RESAMPLE_KERNEL(T, SUFFIX, resample_planes, 0, false)                                                          \
    ENR_RESAMPLE_KERNEL(T, SUFFIX, resample_planes_backward, 0, true)                                                  \
    ENR_RESAMPLE_KERNEL(T, SUFFIX, resample_last, 1, false)                                                            \
    ENR_RESAMPLE_KERNEL(T, SUFFIX, resample_last_backward, 1, true)                                                    \
    ENR_RESAMPLE_VEC_KERNEL(T, SUFFIX)

ENR_RESAMPLE_KERNELS(float, f32)
ENR_RESAMPLE_KERNELS(bf16_t, bf16)
