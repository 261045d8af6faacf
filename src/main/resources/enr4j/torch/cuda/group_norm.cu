// Fused GroupNorm (+ optional LeakyReLU) forward and backward for float32 and bfloat16 activations, NC(D)HW and
// channels-last layouts. Statistics and every reduction are float32. Each group's reduction is spread over many
// blocks: blocks reduce a slice of the spatial positions of one sample's channels and add their partial sums into a
// zeroed float32 workspace (atomics); the last block to finish then combines a group's channels. A small
// channels-last forward pass runs as one kernel instead (enr_gn_one_pass_last_vec): its blocks add their sums, wait
// for each other at a grid barrier (a cooperative launch), then each finalizes the statistics and normalises its part.
//
// Shapes: x, y, dy, dx hold N x C x S elements (S = the spatial product) in layout 0 (N, C, S contiguous) or
// layout 1 (N, S, C contiguous: channels last). G groups of C / G channels.
// weight, bias: C values of x's dtype; pre_bias (forward only, may be null): C values of x's dtype added to x before
// the statistics and the normalisation (a preceding convolution's bias). sums: N x C x 2 floats. mean, rstd, c2, c3:
// N x G floats. dweight, dbias: C values of x's dtype (the parameters' gradients; added to what they hold when
// accumulating).
//
// No CUDA headers: NVRTC and nvcc compile it alike; bfloat16 is handled as its bits (elements.cuh).

#include "elements.cuh"

__device__ __forceinline__ float activate(float z, int act, float slope) { return act && z < 0.f ? z * slope : z; }
__device__ __forceinline__ float activation_grad(float z, int act, float slope) { return act && z < 0.f ? slope : 1.f; }

// Channel c's pre-bias (see finalize_group), 0 without one.
template <typename T>
__device__ __forceinline__ float pre(const T* pre_bias, long long c) { return pre_bias ? load(pre_bias + c) : 0.f; }

__device__ __forceinline__ long long offset(int layout, long long n, long long c, long long s, long long C, long long S) {
    return layout == 0 ? (n * C + c) * S + s : (n * S + s) * C + c;
}

// The two sums one element adds. Statistics: x - K and (x - K)^2 with K the channel's first element (a shift that
// keeps the variance free of cancellation when the mean is large). Gradients: dz and dz * x, dz the gradient at
// the normalised, affine output before the activation.
template <typename T, bool GRADS>
struct Terms {
    const T* x;
    const T* dy;
    const float* mean;
    const float* rstd;
    const T* weight;
    const T* bias;
    int act;
    float slope;
    int channels_per_group;
    int G;

    __device__ __forceinline__ void add(long long n, long long c, long long at, float shift, float& a, float& b) const {
        float xv = load(x + at);
        if (GRADS) {
            int ng = (int) n * G + (int) c / channels_per_group;
            float z = (xv - mean[ng]) * rstd[ng] * load(weight + c) + load(bias + c);
            float dz = load(dy + at) * activation_grad(z, act, slope);
            a += dz;
            b += dz * xv;
        } else {
            float d = xv - shift;
            a += d;
            b += d * d;
        }
    }
};

__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, o);
    }
    return v;
}

// Layout 0. Grid (splits, min(N * C, 65535)), 256 threads: block (i, j) reduces slice i of the spatial positions of
// channel planes j, j + gridDim.y, ...
template <typename T, bool GRADS>
__device__ void channel_sums_planes(Terms<T, GRADS> t, float* sums, long long C, long long S, long long planes) {
    __shared__ float partial[2][8];
    long long chunk = (S + gridDim.x - 1) / gridDim.x;
    long long begin = blockIdx.x * chunk;
    long long end = min(S, begin + chunk);
    for (long long plane = blockIdx.y; plane < planes; plane += gridDim.y) {
        long long n = plane / C;
        long long c = plane - n * C;
        long long base = plane * S;
        float shift = GRADS ? 0.f : load(t.x + base);
        float a = 0.f, b = 0.f;
        for (long long s = begin + threadIdx.x; s < end; s += blockDim.x) {
            t.add(n, c, base + s, shift, a, b);
        }
        a = warp_sum(a);
        b = warp_sum(b);
        int warp = threadIdx.x >> 5;
        if ((threadIdx.x & 31) == 0) {
            partial[0][warp] = a;
            partial[1][warp] = b;
        }
        __syncthreads();
        if (threadIdx.x == 0) {
            float sa = 0.f, sb = 0.f;
            for (int w = 0; w < (int) (blockDim.x >> 5); w++) {
                sa += partial[0][w];
                sb += partial[1][w];
            }
            atomicAdd(sums + 2 * plane, sa);
            atomicAdd(sums + 2 * plane + 1, sb);
        }
        __syncthreads();
    }
}

// Layout 1. Grid (splits, min(N, 65535), ceil(C / 32)), block (32, 8): thread (tx, ty) reduces channel
// 32 * blockIdx.z + tx over every 8th spatial position of slice blockIdx.x; neighbouring threads read neighbouring
// channels.
template <typename T, bool GRADS>
__device__ void channel_sums_last(Terms<T, GRADS> t, float* sums, long long N, long long C, long long S) {
    __shared__ float partial[2][8][33];
    long long chunk = (S + gridDim.x - 1) / gridDim.x;
    long long begin = blockIdx.x * chunk;
    long long end = min(S, begin + chunk);
    long long c = 32LL * blockIdx.z + threadIdx.x;
    for (long long n = blockIdx.y; n < N; n += gridDim.y) {
        float a = 0.f, b = 0.f;
        if (c < C) {
            float shift = GRADS ? 0.f : load(t.x + n * S * C + c);
            for (long long s = begin + threadIdx.y; s < end; s += blockDim.y) {
                t.add(n, c, (n * S + s) * C + c, shift, a, b);
            }
        }
        partial[0][threadIdx.y][threadIdx.x] = a;
        partial[1][threadIdx.y][threadIdx.x] = b;
        __syncthreads();
        if (threadIdx.y == 0 && c < C) {
            float sa = 0.f, sb = 0.f;
            for (int k = 0; k < (int) blockDim.y; k++) {
                sa += partial[0][k][threadIdx.x];
                sb += partial[1][k][threadIdx.x];
            }
            atomicAdd(sums + 2 * (n * C + c), sa);
            atomicAdd(sums + 2 * (n * C + c) + 1, sb);
        }
        __syncthreads();
    }
}

// Whether this block is the last of its grid to have added its sums: every block fences its atomics, then counts
// itself in (the counter starts at zero). The last one then sees every block's sums and does the small step after
// them, so that step needs no kernel of its own.
__device__ bool last_block(unsigned int* counter) {
    __shared__ bool last;
    __threadfence();
    __syncthreads();
    if (threadIdx.x == 0 && threadIdx.y == 0 && threadIdx.z == 0) {
        last = atomicAdd(counter, 1u) == gridDim.x * gridDim.y * gridDim.z - 1;
    }
    __syncthreads();
    if (last) {
        __threadfence();
    }
    return last;
}

__device__ __forceinline__ int block_thread() { return (int) (threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z)); }
__device__ __forceinline__ int block_threads() { return (int) (blockDim.x * blockDim.y * blockDim.z); }

// Group (n, g) = ng: combines the group's channels (Chan et al.'s pairwise update) into mean and 1 / std. Sums are
// read past the L1 cache (other blocks added them); the loop is unrolled so that the loads of several channels are in
// flight together (the combine is short: its loads are what a small grid waits for). pre_bias (C values, or null):
// a per-channel constant the statistics are of x plus (the bias of the convolution before, added here instead of in a
// pass of its own); the shifted sums do not change with it, only each channel's shift.
template <typename T>
__device__ void finalize_group(long long ng, const T* x, const T* pre_bias, const float* sums, float* mean,
                               float* rstd, int layout, long long C, long long S, int G, float eps) {
    long long n = ng / G;
    int g = (int) (ng - n * G);
    int cpg = (int) (C / G);
    double count = 0.0, m = 0.0, m2 = 0.0;
    double nc = (double) S, inv_nc = 1.0 / nc;
#pragma unroll 2
    for (int k = 0; k < cpg; k++) {
        long long c = (long long) g * cpg + k;
        float shift = load(x + offset(layout, n, c, 0, C, S));
        if (pre_bias) {
            shift += load(pre_bias + c);
        }
        double s1 = __ldcg(sums + 2 * (n * C + c));
        double s2 = __ldcg(sums + 2 * (n * C + c) + 1);
        double mc = shift + s1 * inv_nc;
        double m2c = s2 - s1 * s1 * inv_nc;
        double total = count + nc;
        double share = nc / total;
        double delta = mc - m;
        m += delta * share;
        m2 += m2c + delta * delta * count * share;
        count = total;
    }
    double var = m2 / count;
    mean[ng] = (float) m;
    rstd[ng] = rsqrtf((float) (var > 0.0 ? var : 0.0) + eps);
}

// y = act((x - mean) * rstd * weight + bias). Layout 0: grid (blocks over S, min(N * C, 65535)); layout 1:
// grid (blocks over S * C, min(N, 65535)).
template <typename T>
__device__ void apply_forward(const T* x, T* y, const float* mean, const float* rstd, const T* weight,
                              const T* bias, const T* pre_bias, int layout, long long N, long long C, long long S,
                              int G, int act, float slope) {
    int cpg = (int) (C / G);
    if (layout == 0) {
        for (long long plane = blockIdx.y; plane < N * C; plane += gridDim.y) {
            long long n = plane / C;
            int c = (int) (plane - n * C);
            int ng = (int) n * G + c / cpg;
            float scale = rstd[ng] * load(weight + c);
            float shift = load(bias + c) - (mean[ng] - pre(pre_bias, c)) * scale;
            for (long long s = blockIdx.x * (long long) blockDim.x + threadIdx.x; s < S; s += (long long) gridDim.x * blockDim.x) {
                store(y + plane * S + s, activate(load(x + plane * S + s) * scale + shift, act, slope));
            }
        }
    } else {
        unsigned int per_sample = (unsigned int) (S * C);
        for (long long n = blockIdx.y; n < N; n += gridDim.y) {
            for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < per_sample; i += gridDim.x * blockDim.x) {
                int c = (int) (i % (unsigned int) C);
                int ng = (int) n * G + c / cpg;
                float scale = rstd[ng] * load(weight + c);
                long long at = n * (long long) per_sample + i;
                store(y + at, activate(load(x + at) * scale + load(bias + c) - (mean[ng] - pre(pre_bias, c)) * scale,
                                       act, slope));
            }
        }
    }
}

// The backward pass's small step after the sums, item i. Items 0 .. N * G - 1 (when coefficients): one per (n, g),
// the coefficients of dx = rstd * weight * dz + c2 * x + c3 (the native GroupNorm backward's). Items N * G .. N * G +
// C - 1 (when parameters): one per channel, dweight = sum_n (sum dz x - mean sum dz) rstd and dbias = sum_n sum dz,
// stored in x's dtype into dweight[c] and dbias[c], or added to them (accumulate: a parameter's gradient buffer).
template <typename T>
__device__ void finish_item(long long i, const float* sums, const float* mean, const float* rstd, const T* weight,
                            float* c2, float* c3, T* dweight, T* dbias, int accumulate, long long N, long long C,
                            long long S, int G,
                            int coefficients, int parameters) {
    int cpg = (int) (C / G);
    if (i < N * G) {
        if (!coefficients) {
            return;
        }
        long long n = i / G;
        int g = (int) (i - n * G);
        float ds = 0.f, db = 0.f;
        for (int k = 0; k < cpg; k++) {
            long long c = (long long) g * cpg + k;
            db += __ldcg(sums + 2 * (n * C + c)) * load(weight + c);
            ds += __ldcg(sums + 2 * (n * C + c) + 1) * load(weight + c);
        }
        float inv_m = 1.f / ((float) cpg * (float) S);
        float r = rstd[i];
        float a = (db * mean[i] - ds) * r * r * r * inv_m;
        c2[i] = a;
        c3[i] = -a * mean[i] - db * r * inv_m;
        return;
    }
    long long c = i - N * G;
    if (!parameters || c >= C) {
        return;
    }
    float dw = 0.f, db = 0.f;
    for (long long n = 0; n < N; n++) {
        long long ng = n * G + c / cpg;
        float a = __ldcg(sums + 2 * (n * C + c));
        float b = __ldcg(sums + 2 * (n * C + c) + 1);
        dw += (b - mean[ng] * a) * rstd[ng];
        db += a;
    }
    if (accumulate) {
        dw += load(dweight + c);
        db += load(dbias + c);
    }
    store(dweight + c, dw);
    store(dbias + c, db);
}

// dx from dy, recomputing the pre-activation value from x; grid as apply_forward.
template <typename T>
__device__ void apply_backward(const T* x, const T* dy, T* dx, const float* mean, const float* rstd,
                               const T* weight, const T* bias, const float* c2, const float* c3, int layout,
                               long long N, long long C, long long S, int G, int act, float slope) {
    int cpg = (int) (C / G);
    if (layout == 0) {
        for (long long plane = blockIdx.y; plane < N * C; plane += gridDim.y) {
            long long n = plane / C;
            int c = (int) (plane - n * C);
            int ng = (int) n * G + c / cpg;
            float scale = rstd[ng] * load(weight + c);
            float shift = load(bias + c) - mean[ng] * scale;
            float k2 = c2[ng], k3 = c3[ng];
            for (long long s = blockIdx.x * (long long) blockDim.x + threadIdx.x; s < S; s += (long long) gridDim.x * blockDim.x) {
                long long at = plane * S + s;
                float xv = load(x + at);
                float dz = load(dy + at) * activation_grad(xv * scale + shift, act, slope);
                store(dx + at, scale * dz + k2 * xv + k3);
            }
        }
    } else {
        unsigned int per_sample = (unsigned int) (S * C);
        for (long long n = blockIdx.y; n < N; n += gridDim.y) {
            for (unsigned int i = blockIdx.x * blockDim.x + threadIdx.x; i < per_sample; i += gridDim.x * blockDim.x) {
                int c = (int) (i % (unsigned int) C);
                int ng = (int) n * G + c / cpg;
                float scale = rstd[ng] * load(weight + c);
                long long at = n * (long long) per_sample + i;
                float xv = load(x + at);
                float dz = load(dy + at) * activation_grad(xv * scale + load(bias + c) - mean[ng] * scale, act, slope);
                store(dx + at, scale * dz + c2[ng] * xv + c3[ng]);
            }
        }
    }
}

// Layout 0, vectorised. Grid (splits, min(N * C, 65535)), 256 threads, S % WIDTH == 0. Statistics (GRADS false):
// shifted sums as channel_sums_planes. Gradients (GRADS true): sums of dz and dz * x, with the plane's scale and shift
// taken once.
template <typename T, bool GRADS>
__device__ void channel_sums_planes_vec(const T* x, const T* dy, const float* mean, const float* rstd,
                                        const T* weight, const T* bias, int act, float slope, int G,
                                        float* sums, long long C, long long S, long long planes) {
    const int W = Vec<T>::WIDTH;
    __shared__ float partial[2][8];
    long long vectors = S / W;
    long long chunk = (vectors + gridDim.x - 1) / gridDim.x;
    long long begin = blockIdx.x * chunk;
    long long end = min(vectors, begin + chunk);
    int cpg = GRADS ? (int) (C / G) : 1;
    for (long long plane = blockIdx.y; plane < planes; plane += gridDim.y) {
        long long n = plane / C;
        int c = (int) (plane - n * C);
        const T* xp = x + plane * S;
        float shift = 0.f, scale = 0.f, offset_ = 0.f;
        if (GRADS) {
            int ng = (int) n * G + c / cpg;
            scale = rstd[ng] * load(weight + c);
            offset_ = load(bias + c) - mean[ng] * scale;
        } else {
            shift = load(xp);
        }
        float a = 0.f, b = 0.f;
        for (long long k = begin + threadIdx.x; k < end; k += blockDim.x) {
            Vec<T> xv = Vec<T>::at(xp + k * W);
            if (GRADS) {
                Vec<T> gv = Vec<T>::at(dy + plane * S + k * W);
#pragma unroll
                for (int i = 0; i < W; i++) {
                    float xi = xv.get(i);
                    float dz = gv.get(i) * activation_grad(xi * scale + offset_, act, slope);
                    a += dz;
                    b += dz * xi;
                }
            } else {
#pragma unroll
                for (int i = 0; i < W; i++) {
                    float d = xv.get(i) - shift;
                    a += d;
                    b += d * d;
                }
            }
        }
        a = warp_sum(a);
        b = warp_sum(b);
        int warp = threadIdx.x >> 5;
        if ((threadIdx.x & 31) == 0) {
            partial[0][warp] = a;
            partial[1][warp] = b;
        }
        __syncthreads();
        if (threadIdx.x == 0) {
            float sa = 0.f, sb = 0.f;
            for (int w = 0; w < (int) (blockDim.x >> 5); w++) {
                sa += partial[0][w];
                sb += partial[1][w];
            }
            atomicAdd(sums + 2 * plane, sa);
            atomicAdd(sums + 2 * plane + 1, sb);
        }
        __syncthreads();
    }
}

// Layout 0, vectorised: y = act(x * scale + shift), or dx = scale * dz + c2 * x + c3 when BACKWARD. Grid (blocks over
// S / WIDTH, min(N * C, 65535)).
template <typename T, bool BACKWARD>
__device__ void apply_planes_vec(const T* x, const T* dy, T* out, const float* mean, const float* rstd,
                                 const T* weight, const T* bias, const T* pre_bias, const float* c2, const float* c3,
                                 long long N, long long C, long long S, int G, int act, float slope) {
    const int W = Vec<T>::WIDTH;
    int cpg = (int) (C / G);
    long long vectors = S / W;
    for (long long plane = blockIdx.y; plane < N * C; plane += gridDim.y) {
        long long n = plane / C;
        int c = (int) (plane - n * C);
        int ng = (int) n * G + c / cpg;
        float scale = rstd[ng] * load(weight + c);
        float shift = load(bias + c) - (mean[ng] - pre(pre_bias, c)) * scale;
        float k2 = BACKWARD ? c2[ng] : 0.f;
        float k3 = BACKWARD ? c3[ng] : 0.f;
        long long base = plane * S;
        for (long long k = blockIdx.x * (long long) blockDim.x + threadIdx.x; k < vectors;
             k += (long long) gridDim.x * blockDim.x) {
            Vec<T> xv = Vec<T>::at(x + base + k * W);
            Vec<T> r;
            if (BACKWARD) {
                Vec<T> gv = Vec<T>::at(dy + base + k * W);
#pragma unroll
                for (int i = 0; i < W; i++) {
                    float xi = xv.get(i);
                    float dz = gv.get(i) * activation_grad(xi * scale + shift, act, slope);
                    r.set(i, scale * dz + k2 * xi + k3);
                }
            } else {
#pragma unroll
                for (int i = 0; i < W; i++) {
                    r.set(i, activate(xv.get(i) * scale + shift, act, slope));
                }
            }
            r.put(out + base + k * W);
        }
    }
}


// One vector's terms added into a[] and b[]: statistics (shifted x and its square) or gradients (dz, dz * x).
template <typename T, bool GRADS>
__device__ __forceinline__ void add_vector(const Vec<T>& xv, const Vec<T>& gv, const float* scale,
                                           const float* shift, int act, float slope, float* a, float* b) {
#pragma unroll
    for (int i = 0; i < Vec<T>::WIDTH; i++) {
        float xi = xv.get(i);
        if (GRADS) {
            float dz = gv.get(i) * activation_grad(xi * scale[i] + shift[i], act, slope);
            a[i] += dz;
            b[i] += dz * xi;
        } else {
            float d = xi - shift[i];
            a[i] += d;
            b[i] += d * d;
        }
    }
}

// Layout 1 (channels last), vectorised, C % WIDTH == 0 and C / WIDTH <= 256. A block has (C / WIDTH) * K threads:
// thread t reads channels WIDTH * (t % (C / WIDTH)) onwards at positions t / (C / WIDTH), + K, ... of its slice, so a
// warp reads whole rows of channels; its WIDTH pairs of sums are combined in shared memory, then added per channel.
template <typename T, bool GRADS>
__device__ void channel_sums_last_vec(const T* x, const T* dy, const float* mean, const float* rstd,
                                      const T* weight, const T* bias, int act, float slope, int G,
                                      float* sums, long long N, long long C, long long S) {
    const int W = Vec<T>::WIDTH;
    __shared__ float partial[4096];
    int cv = (int) (C / W);
    int k = (int) blockDim.x / cv;
    int j = (int) threadIdx.x % cv;
    int row = (int) threadIdx.x / cv;
    long long chunk = (S + gridDim.x - 1) / gridDim.x;
    long long begin = blockIdx.x * chunk;
    long long end = min(S, begin + chunk);
    int cpg = (int) (C / G);
    for (long long n = blockIdx.y; n < N; n += gridDim.y) {
        const T* xs = x + n * S * C;
        float a[W], b[W], scale[W], shift[W];
#pragma unroll
        for (int i = 0; i < W; i++) {
            a[i] = 0.f;
            b[i] = 0.f;
            int c = j * W + i;
            if (GRADS) {
                int ng = (int) n * G + c / cpg;
                scale[i] = rstd[ng] * load(weight + c);
                shift[i] = load(bias + c) - mean[ng] * scale[i];
            } else {
                scale[i] = 0.f;
                shift[i] = load(xs + c);
            }
        }
        if (row < k) {
            const T* gs = GRADS ? dy + n * S * C : xs;
            long long s = begin + row;
            // U positions' loads in flight before their sums are taken (in the same order as one at a time): one
            // load per thread at a time leaves the memory system half idle at the occupancy these blocks get
            const int U = GRADS ? 2 : 4;
            for (; s + (U - 1) * k < end; s += U * k) {
                Vec<T> xv[U], gv[U];
#pragma unroll
                for (int u = 0; u < U; u++) {
                    xv[u] = Vec<T>::at(xs + (s + u * k) * C + j * W);
                    if (GRADS) {
                        gv[u] = Vec<T>::at(gs + (s + u * k) * C + j * W);
                    }
                }
#pragma unroll
                for (int u = 0; u < U; u++) {
                    add_vector<T, GRADS>(xv[u], gv[u], scale, shift, act, slope, a, b);
                }
            }
            for (; s < end; s += k) {
                Vec<T> xv = Vec<T>::at(xs + s * C + j * W);
                Vec<T> gv;
                if (GRADS) {
                    gv = Vec<T>::at(gs + s * C + j * W);
                }
                add_vector<T, GRADS>(xv, gv, scale, shift, act, slope, a, b);
            }
#pragma unroll
            for (int i = 0; i < W; i++) {
                partial[2 * (row * C + j * W + i)] = a[i];
                partial[2 * (row * C + j * W + i) + 1] = b[i];
            }
        }
        __syncthreads();
        for (int c = threadIdx.x; c < C; c += blockDim.x) {
            float sa = 0.f, sb = 0.f;
            for (int r = 0; r < k; r++) {
                sa += partial[2 * (r * C + c)];
                sb += partial[2 * (r * C + c) + 1];
            }
            atomicAdd(sums + 2 * (n * C + c), sa);
            atomicAdd(sums + 2 * (n * C + c) + 1, sb);
        }
        __syncthreads();
    }
}

// One vector of apply_last_vec: y = act(x * scale + shift), or dx = scale * dz + c2 * x + c3 when BACKWARD.
template <typename T, bool BACKWARD>
__device__ __forceinline__ Vec<T> apply_vector(const Vec<T>& xv, const Vec<T>& gv, const float* scale,
                                               const float* shift, const float* k2, const float* k3, int act,
                                               float slope) {
    Vec<T> r;
#pragma unroll
    for (int i = 0; i < Vec<T>::WIDTH; i++) {
        float xi = xv.get(i);
        if (BACKWARD) {
            float dz = gv.get(i) * activation_grad(xi * scale[i] + shift[i], act, slope);
            r.set(i, scale[i] * dz + k2[i] * xi + k3[i]);
        } else {
            r.set(i, activate(xi * scale[i] + shift[i], act, slope));
        }
    }
    return r;
}

// Layout 1, vectorised: as apply_planes_vec, one vector of WIDTH channels at one position per step. Grid (blocks
// over S * C / WIDTH, min(N, 65535)), blockDim.x a multiple of C / WIDTH: every step of a thread's grid-stride loop
// lands on the same channels, so their scale, shift and coefficients are taken once per sample. Four steps' loads
// (two in the backward pass) are issued before their results are stored: one load at a time leaves a thread waiting
// out every load's latency, which is most of a small input's time.
template <typename T, bool BACKWARD>
__device__ void apply_last_vec(const T* x, const T* dy, T* out, const float* mean, const float* rstd,
                               const T* weight, const T* bias, const T* pre_bias, const float* c2, const float* c3,
                               long long N, long long C, long long S, int G, int act, float slope) {
    const int W = Vec<T>::WIDTH;
    const int U = BACKWARD ? 2 : 4; // the backward pass's two inputs: more would cost it occupancy in registers
    int cpg = (int) (C / G);
    long long cv = C / W;
    long long vectors = S * cv;
    long long step = (long long) gridDim.x * blockDim.x;
    int c0 = (int) (threadIdx.x % cv) * W;
    for (long long n = blockIdx.y; n < N; n += gridDim.y) {
        long long base = n * S * C;
        float scale[W], shift[W], k2[W], k3[W];
#pragma unroll
        for (int i = 0; i < W; i++) {
            int c = c0 + i;
            int ng = (int) n * G + c / cpg;
            scale[i] = rstd[ng] * load(weight + c);
            shift[i] = load(bias + c) - (mean[ng] - pre(pre_bias, c)) * scale[i];
            k2[i] = BACKWARD ? c2[ng] : 0.f;
            k3[i] = BACKWARD ? c3[ng] : 0.f;
        }
        long long v = blockIdx.x * (long long) blockDim.x + threadIdx.x;
        for (; v + (U - 1) * step < vectors; v += U * step) {
            Vec<T> xv[U], gv[U];
#pragma unroll
            for (int u = 0; u < U; u++) {
                xv[u] = Vec<T>::at(x + base + (v + u * step) * W);
                if (BACKWARD) {
                    gv[u] = Vec<T>::at(dy + base + (v + u * step) * W);
                }
            }
#pragma unroll
            for (int u = 0; u < U; u++) {
                apply_vector<T, BACKWARD>(xv[u], gv[u], scale, shift, k2, k3, act, slope)
                    .put(out + base + (v + u * step) * W);
            }
        }
        for (; v < vectors; v += step) {
            Vec<T> xv = Vec<T>::at(x + base + v * W);
            Vec<T> gv;
            if (BACKWARD) {
                gv = Vec<T>::at(dy + base + v * W);
            }
            apply_vector<T, BACKWARD>(xv, gv, scale, shift, k2, k3, act, slope).put(out + base + v * W);
        }
    }
}

// Channels-last: every block finalizes its samples' groups itself (from the statistics kernel's sums, which that
// kernel then need not finish with a last-block combine: a fence, a counter and a dependent pass that a small
// GroupNorm mostly waits on). Each block writes the same mean and rstd (the same sums, the same arithmetic); the
// barrier makes its own writes visible to its threads. The block's threads first turn one channel each into its
// mean and sum of squared deviations (all channels' loads in flight at once), then one thread per group combines
// its channels from shared memory: every channel counts S elements, so the group's mean is the channels' mean and
// its squared deviations are theirs plus S times their means' squared deviations. C <= 2048.
template <typename T>
__device__ void finalize_in_block(const T* x, const T* pre_bias, const float* sums, float* mean, float* rstd,
                                  long long N, long long C, long long S, int G, float eps) {
    __shared__ double channel_mean[2048]; // double: a large mean must not drown the spread between channels
    __shared__ float channel_m2[2048];
    int cpg = (int) (C / G);
    double nc = (double) S;
    for (long long n = blockIdx.y; n < N; n += gridDim.y) {
        for (int c = threadIdx.x; c < C; c += blockDim.x) {
            double shift = (double) load(x + n * S * C + c) + (double) pre(pre_bias, c);
            double s1 = __ldcg(sums + 2 * (n * C + c));
            double s2 = __ldcg(sums + 2 * (n * C + c) + 1);
            channel_mean[c] = shift + s1 / nc;
            channel_m2[c] = (float) (s2 - s1 * s1 / nc);
        }
        __syncthreads();
        for (int g = threadIdx.x; g < G; g += blockDim.x) {
            double m = 0.0;
            for (int k = 0; k < cpg; k++) {
                m += channel_mean[g * cpg + k];
            }
            m /= cpg;
            double m2 = 0.0, spread = 0.0;
            for (int k = 0; k < cpg; k++) {
                double d = channel_mean[g * cpg + k] - m;
                m2 += channel_m2[g * cpg + k];
                spread += d * d;
            }
            double var = (m2 + nc * spread) / (nc * cpg);
            mean[n * G + g] = (float) m;
            rstd[n * G + g] = rsqrtf((float) (var > 0.0 ? var : 0.0) + eps);
        }
        __syncthreads();
    }
}

// Every block of the grid waits here until all of them have arrived, and then sees what they wrote before. The grid
// must be resident all at once (a cooperative launch guarantees it or refuses); counter starts at zero.
__device__ void grid_barrier(unsigned int* counter) {
    __syncthreads();
    if (block_thread() == 0) {
        unsigned int total = gridDim.x * gridDim.y * gridDim.z;
        __threadfence();
        atomicAdd(counter, 1u);
        while (*((volatile unsigned int*) counter) < total) {
        }
        __threadfence();
    }
    __syncthreads();
}

// What the last block of a statistics kernel appends: mean and rstd of every group. Of a gradient-sums kernel: the
// coefficients and the parameter gradients.
#define ENR_STATS_TAIL(T)                                                                                                \
    if (counter && last_block(counter)) {                                                                              \
        for (long long ng = block_thread(); ng < N * G; ng += block_threads()) {                                       \
            finalize_group<T>(ng, x, pre_bias, sums, mean, rstd, LAYOUT, C, S, G, eps);                                          \
        }                                                                                                              \
    }
#define ENR_GRADS_TAIL(T)                                                                                                \
    if (last_block(counter)) {                                                                                         \
        for (long long i = block_thread(); i < N * G + C; i += block_threads()) {                                      \
            finish_item<T>(i, sums, mean, rstd, weight, c2, c3, dweight, dbias, accumulate, N, C, S, G,              \
                           coefficients, parameters);                                                          \
        }                                                                                                              \
    }
#define ENR_STATS_ARGS(T) unsigned int *counter, float *mean, float *rstd, long long N, int G, float eps, const T *pre_bias
#define ENR_GRADS_ARGS(T)                                                                                              \
    unsigned int *counter, float *c2, float *c3, T *dweight, T *dbias, int accumulate, long long N, int coefficients, \
        int parameters

#define ENR_GROUP_NORM_KERNELS(T, SUFFIX)                                                                              \
    extern "C" __global__ void enr_gn_stats_planes_##SUFFIX(const T* x, float* sums, long long C, long long S,         \
                                                            long long planes, ENR_STATS_ARGS(T)) {                       \
        Terms<T, false> t = {x, 0, 0, 0, 0, 0, 0, 0.f, 1, 1};                                                          \
        channel_sums_planes<T, false>(t, sums, C, S, planes);                                                          \
        const int LAYOUT = 0;                                                                                          \
        ENR_STATS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_stats_last_##SUFFIX(const T* x, float* sums, long long C, long long S,           \
                                                          ENR_STATS_ARGS(T)) {                                           \
        Terms<T, false> t = {x, 0, 0, 0, 0, 0, 0, 0.f, 1, 1};                                                          \
        channel_sums_last<T, false>(t, sums, N, C, S);                                                                 \
        const int LAYOUT = 1;                                                                                          \
        ENR_STATS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_forward_##SUFFIX(const T* x, T* y, const float* mean, const float* rstd,        \
                                                       const T* weight, const T* bias, int layout,           \
                                                       long long N, long long C, long long S, int G, int act,         \
                                                       float slope, const T* pre_bias) {                              \
        apply_forward<T>(x, y, mean, rstd, weight, bias, pre_bias, layout, N, C, S, G, act, slope);                    \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_grad_sums_planes_##SUFFIX(const T* x, const T* dy, const float* mean,          \
                                                                const float* rstd, const T* weight, const T* bias,    \
                                                                float* sums, long long C, long long S,                \
                                                                long long planes, int G, int act, float slope,        \
                                                                ENR_GRADS_ARGS(T)) {                                     \
        Terms<T, true> t = {x, dy, mean, rstd, weight, bias, act, slope, (int) (C / G), G};                            \
        channel_sums_planes<T, true>(t, sums, C, S, planes);                                                           \
        ENR_GRADS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_grad_sums_last_##SUFFIX(const T* x, const T* dy, const float* mean,            \
                                                              const float* rstd, const T* weight, const T* bias,      \
                                                              float* sums, long long C, long long S, int G, int act,  \
                                                              float slope, ENR_GRADS_ARGS(T)) {                          \
        Terms<T, true> t = {x, dy, mean, rstd, weight, bias, act, slope, (int) (C / G), G};                            \
        channel_sums_last<T, true>(t, sums, N, C, S);                                                                  \
        ENR_GRADS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_backward_##SUFFIX(const T* x, const T* dy, T* dx, const float* mean,            \
                                                        const float* rstd, const T* weight, const T* bias,   \
                                                        const float* c2, const float* c3, int layout, long long N,    \
                                                        long long C, long long S, int G, int act, float slope) {     \
        apply_backward<T>(x, dy, dx, mean, rstd, weight, bias, c2, c3, layout, N, C, S, G, act, slope);               \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_stats_planes_vec_##SUFFIX(const T* x, float* sums, long long C, long long S,     \
                                                                long long planes, ENR_STATS_ARGS(T)) {                   \
        channel_sums_planes_vec<T, false>(x, 0, 0, 0, 0, 0, 0, 0.f, 1, sums, C, S, planes);                            \
        const int LAYOUT = 0;                                                                                          \
        ENR_STATS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_grad_sums_planes_vec_##SUFFIX(const T* x, const T* dy, const float* mean,      \
                                                                    const float* rstd, const T* weight,               \
                                                                    const T* bias, float* sums, long long C,          \
                                                                    long long S, long long planes, int G, int act,    \
                                                                    float slope, ENR_GRADS_ARGS(T)) {                    \
        channel_sums_planes_vec<T, true>(x, dy, mean, rstd, weight, bias, act, slope, G, sums, C, S, planes);          \
        ENR_GRADS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_forward_vec_##SUFFIX(const T* x, T* y, const float* mean, const float* rstd,    \
                                                           const T* weight, const T* bias, long long N,      \
                                                           long long C, long long S, int G, int act, float slope,    \
                                                           const T* pre_bias) {                                       \
        apply_planes_vec<T, false>(x, 0, y, mean, rstd, weight, bias, pre_bias, 0, 0, N, C, S, G, act, slope);         \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_backward_vec_##SUFFIX(const T* x, const T* dy, T* dx, const float* mean,        \
                                                            const float* rstd, const T* weight,                  \
                                                            const T* bias, const float* c2, const float* c3,      \
                                                            long long N, long long C, long long S, int G, int act,    \
                                                            float slope) {                                            \
        apply_planes_vec<T, true>(x, dy, dx, mean, rstd, weight, bias, 0, c2, c3, N, C, S, G, act, slope);             \
    }                                                                                                                  \
    extern "C" __global__ __launch_bounds__(256, 4) void enr_gn_stats_last_vec_##SUFFIX(const T* x, float* sums, long long C, long long S,       \
                                                              ENR_STATS_ARGS(T)) {                                       \
        channel_sums_last_vec<T, false>(x, 0, 0, 0, 0, 0, 0, 0.f, 1, sums, N, C, S);                                   \
        const int LAYOUT = 1;                                                                                          \
        ENR_STATS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_grad_sums_last_vec_##SUFFIX(const T* x, const T* dy, const float* mean,        \
                                                                  const float* rstd, const T* weight,                 \
                                                                  const T* bias, float* sums, long long C,            \
                                                                  long long S, int G, int act, float slope,           \
                                                                  ENR_GRADS_ARGS(T)) {                                   \
        channel_sums_last_vec<T, true>(x, dy, mean, rstd, weight, bias, act, slope, G, sums, N, C, S);                 \
        ENR_GRADS_TAIL(T)                                                                                              \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_forward_last_vec_##SUFFIX(const T* x, T* y, const float* mean,                 \
                                                                const float* rstd, const T* weight,              \
                                                                const T* bias, long long N, long long C,          \
                                                                long long S, int G, int act, float slope,             \
                                                                const T* pre_bias) {                                  \
        apply_last_vec<T, false>(x, 0, y, mean, rstd, weight, bias, pre_bias, 0, 0, N, C, S, G, act, slope);           \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_forward_last_vec_fin_##SUFFIX(const T* x, T* y, float* mean, float* rstd,       \
                                                                    const T* weight, const T* bias, long long N,      \
                                                                    long long C, long long S, int G, int act,         \
                                                                    float slope, const T* pre_bias,                   \
                                                                    const float* sums, float eps) {                   \
        finalize_in_block<T>(x, pre_bias, sums, mean, rstd, N, C, S, G, eps);                                         \
        apply_last_vec<T, false>(x, 0, y, mean, rstd, weight, bias, pre_bias, 0, 0, N, C, S, G, act, slope);           \
    }                                                                                                                  \
    extern "C" __global__ __launch_bounds__(256, 4) void enr_gn_one_pass_last_vec_##SUFFIX(const T* x, T* y,        \
            float* sums, unsigned int* counter, float* mean, float* rstd, const T* weight, const T* bias, long long N,  \
            long long C, long long S, int G, int act, float slope, const T* pre_bias, float eps) {                     \
        channel_sums_last_vec<T, false>(x, 0, 0, 0, 0, 0, 0, 0.f, 1, sums, N, C, S);                                   \
        grid_barrier(counter);                                                                                         \
        finalize_in_block<T>(x, pre_bias, sums, mean, rstd, N, C, S, G, eps);                                         \
        apply_last_vec<T, false>(x, 0, y, mean, rstd, weight, bias, pre_bias, 0, 0, N, C, S, G, act, slope);           \
    }                                                                                                                  \
    extern "C" __global__ void enr_gn_backward_last_vec_##SUFFIX(const T* x, const T* dy, T* dx, const float* mean,  \
                                                                 const float* rstd, const T* weight,             \
                                                                 const T* bias, const float* c2, const float* c3, \
                                                                 long long N, long long C, long long S, int G,        \
                                                                 int act, float slope) {                              \
        apply_last_vec<T, true>(x, dy, dx, mean, rstd, weight, bias, 0, c2, c3, N, C, S, G, act, slope);               \
    }

ENR_GROUP_NORM_KERNELS(float, f32)
ENR_GROUP_NORM_KERNELS(bf16_t, bf16)
