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

// 16 bytes of elements, moved by one load or store: 8 bfloat16 or 4 float32 values, which is what keeps the H200's
// memory system busy. The address must be 16-byte aligned. get and set convert as load and store do.
template <typename T> struct Vec;
template <> struct Vec<float> {
    static const int WIDTH = 4;
    float4 v;
    __device__ __forceinline__ float get(int i) const { return i == 0 ? v.x : i == 1 ? v.y : i == 2 ? v.z : v.w; }
    __device__ __forceinline__ void set(int i, float f) {
        if (i == 0) v.x = f; else if (i == 1) v.y = f; else if (i == 2) v.z = f; else v.w = f;
    }
    __device__ __forceinline__ static Vec at(const float* p) { Vec r; r.v = *reinterpret_cast<const float4*>(p); return r; }
    __device__ __forceinline__ void put(float* p) const { *reinterpret_cast<float4*>(p) = v; }
};
template <> struct Vec<bf16_t> {
    static const int WIDTH = 8;
    uint4 v;
    __device__ __forceinline__ unsigned int word(int i) const { return i < 2 ? (i == 0 ? v.x : v.y) : (i == 2 ? v.z : v.w); }
    __device__ __forceinline__ float get(int i) const {
        unsigned int w = word(i >> 1);
        return __uint_as_float((i & 1) ? (w & 0xffff0000u) : (w << 16));
    }
    __device__ __forceinline__ void set(int i, float f) {
        bf16_t b;
        store(&b, f);
        unsigned int w = word(i >> 1);
        w = (i & 1) ? ((w & 0x0000ffffu) | ((unsigned int) b << 16)) : ((w & 0xffff0000u) | (unsigned int) b);
        int k = i >> 1;
        if (k == 0) v.x = w; else if (k == 1) v.y = w; else if (k == 2) v.z = w; else v.w = w;
    }
    __device__ __forceinline__ static Vec at(const bf16_t* p) { Vec r; r.v = *reinterpret_cast<const uint4*>(p); return r; }
    __device__ __forceinline__ void put(bf16_t* p) const { *reinterpret_cast<uint4*>(p) = v; }
};
