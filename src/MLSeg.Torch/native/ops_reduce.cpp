// Reductions. A dimension list of length 0 means "over all elements".
#include "common.h"

using namespace mlseg;

MLSEG_API int32_t mlseg_sum(mlseg_tensor a, const int64_t* d, int32_t n, int32_t keepdim, mlseg_tensor* out) {
    MLSEG_FENCE(auto& x = T(a); put(out, n == 0 ? x.sum() : x.sum(dims(d, n), keepdim != 0)))
}
MLSEG_API int32_t mlseg_mean(mlseg_tensor a, const int64_t* d, int32_t n, int32_t keepdim, mlseg_tensor* out) {
    MLSEG_FENCE(auto& x = T(a); put(out, n == 0 ? x.mean() : x.mean(dims(d, n), keepdim != 0)))
}
// Unbiased (n−1) unless `unbiased` is 0.
MLSEG_API int32_t mlseg_std(mlseg_tensor a, const int64_t* d, int32_t n, int32_t unbiased, int32_t keepdim, mlseg_tensor* out) {
    MLSEG_FENCE(auto& x = T(a); put(out, n == 0 ? x.std(unbiased != 0) : x.std(at::OptionalIntArrayRef(dims(d, n)), unbiased != 0, keepdim != 0)))
}
MLSEG_UNARY(max_all, x.max())
MLSEG_UNARY(min_all, x.min())
MLSEG_API int32_t mlseg_max_dim(mlseg_tensor a, int64_t d, int32_t keepdim, mlseg_tensor* values, mlseg_tensor* indices) {
    MLSEG_FENCE(
        auto r = T(a).max(d, keepdim != 0);
        at::Tensor* v = new at::Tensor(std::get<0>(r));
        at::Tensor* i;
        try { i = new at::Tensor(std::get<1>(r)); } catch (...) { delete v; throw; }
        *values = reinterpret_cast<mlseg_tensor>(v);
        *indices = reinterpret_cast<mlseg_tensor>(i))
}
MLSEG_API int32_t mlseg_argmax(mlseg_tensor a, int64_t d, int32_t keepdim, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).argmax(d, keepdim != 0))) }
MLSEG_API int32_t mlseg_all_close(mlseg_tensor a, mlseg_tensor b, double rtol, double atol, int32_t* out) {
    MLSEG_FENCE(bool v = at::allclose(T(a), T(b), rtol, atol); *out = v ? 1 : 0)
}
