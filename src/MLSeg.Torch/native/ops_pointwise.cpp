// Element-wise arithmetic, comparisons and activations (broadcasting as in libtorch).
#include "common.h"

using namespace mlseg;

MLSEG_API int32_t mlseg_add(mlseg_tensor a, mlseg_tensor b, double alpha, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::add(T(a), T(b), alpha))) }
MLSEG_API int32_t mlseg_sub(mlseg_tensor a, mlseg_tensor b, double alpha, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::sub(T(a), T(b), alpha))) }
MLSEG_BINARY(mul, at::mul(x, y))
MLSEG_BINARY(div, at::div(x, y))
MLSEG_BINARY(pow, at::pow(x, y))
MLSEG_BINARY(maximum, at::maximum(x, y))
MLSEG_BINARY(minimum, at::minimum(x, y))
MLSEG_BINARY(eq, at::eq(x, y))
MLSEG_BINARY(ne, at::ne(x, y))
MLSEG_BINARY(lt, at::lt(x, y))
MLSEG_BINARY(le, at::le(x, y))
MLSEG_BINARY(gt, at::gt(x, y))
MLSEG_BINARY(ge, at::ge(x, y))
MLSEG_BINARY(logical_and, at::logical_and(x, y))
MLSEG_BINARY(logical_or, at::logical_or(x, y))
MLSEG_BINARY(matmul, at::matmul(x, y))

MLSEG_SCALAR(add_scalar, at::add(x, s))
MLSEG_SCALAR(mul_scalar, at::mul(x, s))
MLSEG_SCALAR(div_scalar, at::div(x, s))
MLSEG_SCALAR(pow_scalar, at::pow(x, s))
MLSEG_SCALAR(rsub_scalar, at::rsub(x, s))
MLSEG_SCALAR(eq_scalar, at::eq(x, s))
MLSEG_SCALAR(ne_scalar, at::ne(x, s))
MLSEG_SCALAR(lt_scalar, at::lt(x, s))
MLSEG_SCALAR(le_scalar, at::le(x, s))
MLSEG_SCALAR(gt_scalar, at::gt(x, s))
MLSEG_SCALAR(ge_scalar, at::ge(x, s))
MLSEG_SCALAR(leaky_relu, at::leaky_relu(x, s))

MLSEG_UNARY(neg, at::neg(x))
MLSEG_UNARY(abs, at::abs(x))
MLSEG_UNARY(exp, at::exp(x))
MLSEG_UNARY(log, at::log(x))
MLSEG_UNARY(sqrt, at::sqrt(x))
MLSEG_UNARY(square, at::square(x))
MLSEG_UNARY(sign, at::sign(x))
MLSEG_UNARY(floor, at::floor(x))
MLSEG_UNARY(round, at::round(x))
MLSEG_UNARY(relu, at::relu(x))
MLSEG_UNARY(sigmoid, at::sigmoid(x))
MLSEG_UNARY(tanh, at::tanh(x))
MLSEG_UNARY(gelu, at::gelu(x))
MLSEG_UNARY(logical_not, at::logical_not(x))
MLSEG_UNARY(isfinite, at::isfinite(x))

// clamp with optional bounds: has_min/has_max select which of min/max apply.
MLSEG_API int32_t mlseg_clamp(mlseg_tensor a, int32_t has_min, double min, int32_t has_max, double max, mlseg_tensor* out) {
    MLSEG_FENCE(
        c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(min) : c10::nullopt;
        c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(max) : c10::nullopt;
        put(out, at::clamp(T(a), lo, hi)))
}

MLSEG_API int32_t mlseg_where(mlseg_tensor cond, mlseg_tensor a, mlseg_tensor b, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::where(T(cond), T(a), T(b))))
}
