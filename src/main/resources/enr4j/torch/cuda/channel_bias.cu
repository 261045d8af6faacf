// A per-channel bias added in place to a channels-last tensor: y (rows x C, contiguous, rows = N x the spatial
// positions) += bias (C values, y's dtype), 16 bytes at a time. It is how a channels-last convolution adds its bias
// when no gradient flows to that bias: one pass over y, where libtorch's broadcast add or a rank-one matrix product
// take longer (and the product a fill of its own).
//
// Vectorised (C % WIDTH == 0, C / WIDTH <= 256, y and bias 16-byte aligned): grid (blocks), blockDim.x a multiple of
// C / WIDTH, so every step of a thread's grid-stride loop lands on the same channels and their bias is read once.
// Otherwise one element per step.
//
// No CUDA headers: NVRTC and nvcc compile it alike; bfloat16 is handled as its bits (elements.cuh).

#include "elements.cuh"

template <typename T>
__device__ void add_channel_bias_vec(T* y, const T* bias, long long rows, long long C) {
    const int W = Vec<T>::WIDTH;
    long long cv = C / W;
    long long vectors = rows * cv;
    int c0 = (int) (threadIdx.x % cv) * W;
    Vec<T> b = Vec<T>::at(bias + c0);
    float add[W];
#pragma unroll
    for (int i = 0; i < W; i++) {
        add[i] = b.get(i);
    }
    for (long long v = blockIdx.x * (long long) blockDim.x + threadIdx.x; v < vectors;
         v += (long long) gridDim.x * blockDim.x) {
        Vec<T> r = Vec<T>::at(y + v * W);
#pragma unroll
        for (int i = 0; i < W; i++) {
            r.set(i, r.get(i) + add[i]);
        }
        r.put(y + v * W);
    }
}

// Any C, one element per step: grid-stride over the rows x C elements (a final convolution's three channels, say).
template <typename T>
__device__ void add_channel_bias(T* y, const T* bias, long long rows, long long C) {
    long long elements = rows * C;
    for (long long i = blockIdx.x * (long long) blockDim.x + threadIdx.x; i < elements;
         i += (long long) gridDim.x * blockDim.x) {
        store(y + i, load(y + i) + load(bias + i % C));
    }
}

#define ENR_CHANNEL_BIAS_KERNELS(T, SUFFIX)                                                                            \
    extern "C" __global__ void enr_channel_bias_vec_##SUFFIX(T* y, const T* bias, long long rows, long long C) {       \
        add_channel_bias_vec<T>(y, bias, rows, C);                                                                     \
    }                                                                                                                  \
    extern "C" __global__ void enr_channel_bias_##SUFFIX(T* y, const T* bias, long long rows, long long C) {           \
        add_channel_bias<T>(y, bias, rows, C);                                                                         \
    }

ENR_CHANNEL_BIAS_KERNELS(float, f32)
ENR_CHANNEL_BIAS_KERNELS(bf16_t, bf16)
