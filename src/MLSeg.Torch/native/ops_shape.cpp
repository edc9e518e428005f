// Shape, indexing and joining ops.
#include "common.h"

using namespace mlseg;

MLSEG_API int32_t mlseg_reshape(mlseg_tensor a, const int64_t* shape, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).reshape(dims(shape, n)))) }
MLSEG_API int32_t mlseg_view(mlseg_tensor a, const int64_t* shape, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).view(dims(shape, n)))) }
MLSEG_API int32_t mlseg_permute(mlseg_tensor a, const int64_t* order, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).permute(dims(order, n)))) }
MLSEG_API int32_t mlseg_expand(mlseg_tensor a, const int64_t* shape, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).expand(dims(shape, n)))) }
MLSEG_API int32_t mlseg_repeat(mlseg_tensor a, const int64_t* reps, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).repeat(dims(reps, n)))) }
MLSEG_API int32_t mlseg_flip(mlseg_tensor a, const int64_t* d, int32_t n, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).flip(dims(d, n)))) }
MLSEG_API int32_t mlseg_transpose(mlseg_tensor a, int64_t d0, int64_t d1, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).transpose(d0, d1))) }
MLSEG_API int32_t mlseg_squeeze(mlseg_tensor a, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).squeeze(d))) }
MLSEG_API int32_t mlseg_unsqueeze(mlseg_tensor a, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).unsqueeze(d))) }
MLSEG_API int32_t mlseg_flatten(mlseg_tensor a, int64_t start, int64_t end, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).flatten(start, end))) }
MLSEG_API int32_t mlseg_slice(mlseg_tensor a, int64_t d, int64_t start, int64_t end, int64_t step, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, T(a).slice(d, start, end, step)))
}
MLSEG_API int32_t mlseg_narrow(mlseg_tensor a, int64_t d, int64_t start, int64_t length, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).narrow(d, start, length))) }
MLSEG_API int32_t mlseg_select(mlseg_tensor a, int64_t d, int64_t index, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).select(d, index))) }
MLSEG_API int32_t mlseg_index_select(mlseg_tensor a, int64_t d, mlseg_tensor index, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(a).index_select(d, T(index)))) }
MLSEG_API int32_t mlseg_gather(mlseg_tensor a, int64_t d, mlseg_tensor index, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::gather(T(a), d, T(index)))) }
MLSEG_API int32_t mlseg_masked_select(mlseg_tensor a, mlseg_tensor mask, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::masked_select(T(a), T(mask)))) }
MLSEG_API int32_t mlseg_cat(const mlseg_tensor* ts, int32_t n, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::cat(tensor_list(ts, n), d))) }
MLSEG_API int32_t mlseg_stack(const mlseg_tensor* ts, int32_t n, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::stack(tensor_list(ts, n), d))) }
MLSEG_API int32_t mlseg_one_hot(mlseg_tensor a, int64_t classes, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::one_hot(T(a), classes))) }
