// Element access shared by the kernel sources: float32, and bfloat16 handled as its bits (no CUDA headers, so NVRTC
// and nvcc compile the sources alike). KernelSource pastes this file in place of the line that includes it, for NVRTC.
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
