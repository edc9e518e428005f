// Tensor lifecycle, metadata, creation, host copies and autograd entry points.
#include <cstring>
#include "common.h"

using namespace mlseg;

MLSEG_API int32_t mlseg_tensor_free(mlseg_tensor t) { MLSEG_FENCE(delete reinterpret_cast<at::Tensor*>(t)) }

// A new handle sharing storage with t (PyTorch's `b = a`): both must be freed.
MLSEG_API int32_t mlseg_tensor_alias(mlseg_tensor t, mlseg_tensor* out) { MLSEG_FENCE(put(out, T(t))) }

MLSEG_API int32_t mlseg_tensor_dim(mlseg_tensor t, int32_t* out) { MLSEG_FENCE(int32_t d = static_cast<int32_t>(T(t).dim()); *out = d) }

// Writes up to `capacity` sizes; *ndim gets the real rank (call again with a bigger buffer when it exceeds capacity).
MLSEG_API int32_t mlseg_tensor_shape(mlseg_tensor t, int64_t* sizes, int32_t capacity, int32_t* ndim) {
    MLSEG_FENCE(
        auto& x = T(t);
        auto s = x.sizes();
        if (sizes != nullptr) {
            for (int32_t i = 0; i < capacity && i < static_cast<int32_t>(s.size()); ++i) sizes[i] = s[i];
        }
        *ndim = static_cast<int32_t>(s.size()))
}

MLSEG_API int32_t mlseg_tensor_numel(mlseg_tensor t, int64_t* out) { MLSEG_FENCE(int64_t n = T(t).numel(); *out = n) }
MLSEG_API int32_t mlseg_tensor_dtype(mlseg_tensor t, int32_t* out) { MLSEG_FENCE(int32_t d = static_cast<int32_t>(T(t).scalar_type()); *out = d) }
MLSEG_API int32_t mlseg_tensor_device(mlseg_tensor t, int32_t* type, int32_t* index) {
    MLSEG_FENCE(
        auto dev = T(t).device();
        int32_t ty = dev.is_cuda() ? 1 : 0;
        int32_t ix = dev.has_index() ? dev.index() : -1;
        *type = ty; *index = ix)
}
MLSEG_API int32_t mlseg_tensor_requires_grad(mlseg_tensor t, int32_t* out) { MLSEG_FENCE(bool v = T(t).requires_grad(); *out = v ? 1 : 0) }
MLSEG_API int32_t mlseg_tensor_set_requires_grad(mlseg_tensor t, int32_t on) { MLSEG_FENCE(T(t).set_requires_grad(on != 0)) }
MLSEG_API int32_t mlseg_tensor_is_leaf(mlseg_tensor t, int32_t* out) { MLSEG_FENCE(bool v = T(t).is_leaf(); *out = v ? 1 : 0) }
MLSEG_API int32_t mlseg_tensor_is_contiguous(mlseg_tensor t, int32_t* out) { MLSEG_FENCE(bool v = T(t).is_contiguous(); *out = v ? 1 : 0) }

// The gradient accumulated in t; *out is null when none exists yet.
MLSEG_API int32_t mlseg_tensor_grad(mlseg_tensor t, mlseg_tensor* out) {
    MLSEG_FENCE(
        const auto& g = T(t).grad();
        if (g.defined()) put(out, g); else *out = nullptr)
}
MLSEG_API int32_t mlseg_tensor_zero_grad(mlseg_tensor t) {
    MLSEG_FENCE(auto& x = T(t); if (x.grad().defined()) { x.mutable_grad() = at::Tensor(); })
}
MLSEG_API int32_t mlseg_tensor_set_grad(mlseg_tensor t, mlseg_tensor g) {
    MLSEG_FENCE(auto& x = T(t); x.mutable_grad() = g == nullptr ? at::Tensor() : T(g))
}

// gradient may be null for a scalar output; retain_graph keeps the graph for a second backward.
MLSEG_API int32_t mlseg_backward(mlseg_tensor t, mlseg_tensor gradient, int32_t retain_graph) {
    MLSEG_FENCE(
        auto& x = T(t);
        at::Tensor g = gradient == nullptr ? at::Tensor() : T(gradient);
        x.backward(g, retain_graph ? c10::optional<bool>(true) : c10::nullopt, false))
}

// torch.autograd.grad(outputs=[y], inputs=xs, grad_outputs=[g]) — for gradient checks and penalties.
MLSEG_API int32_t mlseg_autograd_grad(mlseg_tensor y, mlseg_tensor grad_output, const mlseg_tensor* inputs, int32_t count,
                                      int32_t create_graph, mlseg_tensor* outs) {
    MLSEG_FENCE(
        auto xs = tensor_list(inputs, count);
        std::vector<at::Tensor> go;
        if (grad_output != nullptr) go.push_back(T(grad_output));
        auto grads = torch::autograd::grad({T(y)}, xs, go, create_graph != 0, create_graph != 0, /*allow_unused=*/true);
        std::vector<at::Tensor*> made;
        for (auto& g : grads) made.push_back(g.defined() ? new at::Tensor(g) : nullptr);
        for (int32_t i = 0; i < count; ++i) outs[i] = reinterpret_cast<mlseg_tensor>(made[static_cast<size_t>(i)]))
}

MLSEG_UNARY(detach, x.detach())
MLSEG_UNARY(clone, x.clone())
MLSEG_UNARY(contiguous, x.contiguous())
MLSEG_UNARY(channels_last, x.contiguous(at::MemoryFormat::ChannelsLast))

MLSEG_API int32_t mlseg_to(mlseg_tensor t, int32_t dtype_code, int32_t device_type, int32_t device_index, int32_t non_blocking, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, T(t).to(device(device_type, device_index), dtype(dtype_code), non_blocking != 0, /*copy=*/false)))
}

// ---- creation ----
MLSEG_API int32_t mlseg_empty(const int64_t* shape, int32_t ndim, int32_t dt, int32_t dev, int32_t idx, int32_t rg, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::empty(dims(shape, ndim), options(dt, dev, idx, rg))))
}
MLSEG_API int32_t mlseg_zeros(const int64_t* shape, int32_t ndim, int32_t dt, int32_t dev, int32_t idx, int32_t rg, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::zeros(dims(shape, ndim), options(dt, dev, idx, rg))))
}
MLSEG_API int32_t mlseg_ones(const int64_t* shape, int32_t ndim, int32_t dt, int32_t dev, int32_t idx, int32_t rg, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::ones(dims(shape, ndim), options(dt, dev, idx, rg))))
}
MLSEG_API int32_t mlseg_full(const int64_t* shape, int32_t ndim, double value, int32_t dt, int32_t dev, int32_t idx, int32_t rg, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::full(dims(shape, ndim), value, options(dt, dev, idx, rg))))
}
MLSEG_API int32_t mlseg_arange(double start, double end, double step, int32_t dt, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::arange(start, end, step, options(dt, dev, idx, 0))))
}
MLSEG_API int32_t mlseg_eye(int64_t n, int32_t dt, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::eye(n, options(dt, dev, idx, 0))))
}

static c10::optional<at::Generator> gen(mlseg_generator g) {
    if (g == nullptr) return c10::nullopt;
    return *reinterpret_cast<at::Generator*>(g);
}

MLSEG_API int32_t mlseg_rand(const int64_t* shape, int32_t ndim, mlseg_generator g, int32_t dt, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::rand(dims(shape, ndim), gen(g), options(dt, dev, idx, 0))))
}
MLSEG_API int32_t mlseg_randn(const int64_t* shape, int32_t ndim, mlseg_generator g, int32_t dt, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::randn(dims(shape, ndim), gen(g), options(dt, dev, idx, 0))))
}
MLSEG_API int32_t mlseg_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, mlseg_generator g, int32_t dt, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::randint(low, high, dims(shape, ndim), gen(g), options(dt, dev, idx, 0))))
}
MLSEG_API int32_t mlseg_randperm(int64_t n, mlseg_generator g, int32_t dev, int32_t idx, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, torch::randperm(n, gen(g), options(4, dev, idx, 0))))
}
// In-place initialisers used by nn.init (uniform_/normal_ with an explicit generator).
MLSEG_API int32_t mlseg_uniform_(mlseg_tensor t, double low, double high, mlseg_generator g) {
    MLSEG_FENCE(at::NoGradGuard ng; T(t).uniform_(low, high, gen(g)))
}
MLSEG_API int32_t mlseg_normal_(mlseg_tensor t, double mean, double std, mlseg_generator g) {
    MLSEG_FENCE(at::NoGradGuard ng; T(t).normal_(mean, std, gen(g)))
}

// Copies `byte_count` bytes of host memory into a new CPU tensor of the given shape and dtype.
MLSEG_API int32_t mlseg_from_host(const void* data, int64_t byte_count, const int64_t* shape, int32_t ndim, int32_t dt, mlseg_tensor* out) {
    MLSEG_FENCE(
        auto sizes = dims(shape, ndim);
        at::Tensor result = torch::empty(sizes, at::TensorOptions().dtype(dtype(dt)));
        int64_t need = result.numel() * static_cast<int64_t>(result.element_size());
        if (byte_count != need)
            throw std::invalid_argument("from_host: buffer has " + std::to_string(byte_count) + " bytes, shape needs " + std::to_string(need));
        if (need > 0) {
            if (data == nullptr) throw std::invalid_argument("from_host: null data");
            std::memcpy(result.data_ptr(), data, static_cast<size_t>(need));
        }
        put(out, result))
}

// Copies the tensor's elements (any device, any layout) into host memory; byte_count must equal numel*element size.
MLSEG_API int32_t mlseg_to_host(mlseg_tensor t, void* data, int64_t byte_count) {
    MLSEG_FENCE(
        at::Tensor c = T(t).detach().to(at::kCPU).contiguous();
        int64_t need = c.numel() * static_cast<int64_t>(c.element_size());
        if (byte_count != need)
            throw std::invalid_argument("to_host: buffer has " + std::to_string(byte_count) + " bytes, tensor has " + std::to_string(need));
        if (need > 0) std::memcpy(data, c.data_ptr(), static_cast<size_t>(need)))
}

MLSEG_API int32_t mlseg_item(mlseg_tensor t, double* out) {
    MLSEG_FENCE(
        auto& x = T(t);
        if (x.numel() != 1) throw std::invalid_argument("item: tensor has " + std::to_string(x.numel()) + " elements, expected 1");
        double v = x.item<double>();
        *out = v)
}
