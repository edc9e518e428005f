// In-place updates for optimizers and initialisers. They run under no_grad: they change parameter values, not the graph.
#include "common.h"

using namespace mlseg;

MLSEG_API int32_t mlseg_zero_(mlseg_tensor t) { MLSEG_FENCE(at::NoGradGuard g; T(t).zero_()) }
MLSEG_API int32_t mlseg_fill_(mlseg_tensor t, double v) { MLSEG_FENCE(at::NoGradGuard g; T(t).fill_(v)) }
MLSEG_API int32_t mlseg_copy_(mlseg_tensor dst, mlseg_tensor src) { MLSEG_FENCE(at::NoGradGuard g; T(dst).copy_(T(src))) }
// t += alpha * other
MLSEG_API int32_t mlseg_add_(mlseg_tensor t, mlseg_tensor other, double alpha) { MLSEG_FENCE(at::NoGradGuard g; T(t).add_(T(other), alpha)) }
// Integral tensors take the scalar as an integer (libtorch refuses to write a float result into them in place).
static at::Scalar scalar_for(const at::Tensor& t, double v) {
    if (at::isIntegralType(t.scalar_type(), /*includeBool=*/false)) return at::Scalar(static_cast<int64_t>(v));
    return at::Scalar(v);
}
MLSEG_API int32_t mlseg_add_scalar_(mlseg_tensor t, double v) { MLSEG_FENCE(at::NoGradGuard g; auto& x = T(t); x.add_(scalar_for(x, v))) }
MLSEG_API int32_t mlseg_mul_(mlseg_tensor t, mlseg_tensor other) { MLSEG_FENCE(at::NoGradGuard g; T(t).mul_(T(other))) }
MLSEG_API int32_t mlseg_mul_scalar_(mlseg_tensor t, double v) { MLSEG_FENCE(at::NoGradGuard g; auto& x = T(t); x.mul_(scalar_for(x, v))) }
// t += value * a * b
MLSEG_API int32_t mlseg_addcmul_(mlseg_tensor t, mlseg_tensor a, mlseg_tensor b, double value) { MLSEG_FENCE(at::NoGradGuard g; T(t).addcmul_(T(a), T(b), value)) }
// t += value * a / b
MLSEG_API int32_t mlseg_addcdiv_(mlseg_tensor t, mlseg_tensor a, mlseg_tensor b, double value) { MLSEG_FENCE(at::NoGradGuard g; T(t).addcdiv_(T(a), T(b), value)) }
// t = t + weight * (end - t)
MLSEG_API int32_t mlseg_lerp_(mlseg_tensor t, mlseg_tensor end, double weight) { MLSEG_FENCE(at::NoGradGuard g; T(t).lerp_(T(end), weight)) }
MLSEG_API int32_t mlseg_sqrt_(mlseg_tensor t) { MLSEG_FENCE(at::NoGradGuard g; T(t).sqrt_()) }
MLSEG_API int32_t mlseg_clamp_(mlseg_tensor t, double lo, double hi) { MLSEG_FENCE(at::NoGradGuard g; T(t).clamp_(lo, hi)) }
