// Internal helpers shared by the shim's translation units: the exception fence, handle conversion, argument checks.
#pragma once
#include <torch/torch.h>
#include <string>
#include <vector>
#include "mlseg_torch.h"

#define MLSEG_API extern "C" __attribute__((visibility("default")))

namespace mlseg {

int32_t fail(int32_t status, const char* message);

inline at::Tensor& T(mlseg_tensor h) {
    if (h == nullptr) throw std::invalid_argument("null tensor handle");
    return *reinterpret_cast<at::Tensor*>(h);
}

// Optional tensor argument: null handle means "absent".
inline c10::optional<at::Tensor> opt(mlseg_tensor h) {
    if (h == nullptr) return c10::nullopt;
    return *reinterpret_cast<at::Tensor*>(h);
}

inline void put(mlseg_tensor* out, at::Tensor value) {
    if (out == nullptr) throw std::invalid_argument("null out-pointer");
    *out = reinterpret_cast<mlseg_tensor>(new at::Tensor(std::move(value)));
}

inline std::vector<int64_t> dims(const int64_t* values, int32_t count) {
    if (count < 0 || (count > 0 && values == nullptr)) throw std::invalid_argument("bad dimension list");
    return std::vector<int64_t>(values, values + count);
}

inline at::ScalarType dtype(int32_t code) {
    switch (code) {
        case 0: return at::kByte;
        case 4: return at::kLong;
        case 5: return at::kHalf;
        case 6: return at::kFloat;
        case 7: return at::kDouble;
        case 11: return at::kBool;
        case 15: return at::kBFloat16;
        case 3: return at::kInt;
        default: throw std::invalid_argument("unsupported dtype code " + std::to_string(code));
    }
}

inline at::Device device(int32_t type, int32_t index) {
    if (type == 0) return at::Device(at::kCPU);
    if (type == 1) {
        if (!torch::cuda::is_available())
            throw std::invalid_argument("device 'cuda' was asked for, but this libtorch build has no usable CUDA device");
        return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index < 0 ? 0 : index));
    }
    throw std::invalid_argument("unsupported device type code " + std::to_string(type));
}

inline at::TensorOptions options(int32_t dtype_code, int32_t device_type, int32_t device_index, int32_t requires_grad) {
    return at::TensorOptions().dtype(dtype(dtype_code)).device(device(device_type, device_index)).requires_grad(requires_grad != 0);
}

std::vector<at::Tensor> tensor_list(const mlseg_tensor* handles, int32_t count);

}  // namespace mlseg

// The fence: every export body runs inside it, so no C++ exception reaches the C# side.
#define MLSEG_FENCE(...)                                                                              \
    try {                                                                                             \
        __VA_ARGS__;                                                                                  \
        return MLSEG_OK;                                                                              \
    } catch (const c10::Error& e) {                                                                   \
        return mlseg::fail(MLSEG_ERR_TORCH, e.what_without_backtrace());                              \
    } catch (const std::bad_alloc&) {                                                                 \
        return mlseg::fail(MLSEG_ERR_OOM, "out of memory");                                           \
    } catch (const std::invalid_argument& e) {                                                        \
        return mlseg::fail(MLSEG_ERR_ARGUMENT, e.what());                                             \
    } catch (const std::exception& e) {                                                               \
        return mlseg::fail(MLSEG_ERR_STD, e.what());                                                  \
    } catch (...) {                                                                                   \
        return mlseg::fail(MLSEG_ERR_UNKNOWN, "unknown C++ exception");                               \
    }

// One-input op returning a new tensor.
#define MLSEG_UNARY(name, expr) \
    MLSEG_API int32_t mlseg_##name(mlseg_tensor a, mlseg_tensor* out) { MLSEG_FENCE(auto& x = mlseg::T(a); mlseg::put(out, (expr))) }
// Two-input op returning a new tensor.
#define MLSEG_BINARY(name, expr)                                                 \
    MLSEG_API int32_t mlseg_##name(mlseg_tensor a, mlseg_tensor b, mlseg_tensor* out) { \
        MLSEG_FENCE(auto& x = mlseg::T(a); auto& y = mlseg::T(b); mlseg::put(out, (expr))) }
// Tensor-and-scalar op returning a new tensor.
#define MLSEG_SCALAR(name, expr) \
    MLSEG_API int32_t mlseg_##name(mlseg_tensor a, double s, mlseg_tensor* out) { MLSEG_FENCE(auto& x = mlseg::T(a); mlseg::put(out, (expr))) }
