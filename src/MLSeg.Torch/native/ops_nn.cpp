// Neural-network functionals: convolutions, normalisation, pooling, resampling, activations along a dim, losses.
#include "common.h"

using namespace mlseg;

static std::vector<int64_t> pair(const int64_t* v) {
    if (v == nullptr) throw std::invalid_argument("null (h, w) pair");
    return {v[0], v[1]};
}

// weight (out, in/groups, kh, kw); bias may be null. stride/padding/dilation are (h, w) pairs.
MLSEG_API int32_t mlseg_conv2d(mlseg_tensor input, mlseg_tensor weight, mlseg_tensor bias, const int64_t* stride, const int64_t* padding,
                               const int64_t* dilation, int64_t groups, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::conv2d(T(input), T(weight), opt(bias), pair(stride), pair(padding), pair(dilation), groups)))
}
// weight (in, out/groups, kh, kw) as in PyTorch.
MLSEG_API int32_t mlseg_conv_transpose2d(mlseg_tensor input, mlseg_tensor weight, mlseg_tensor bias, const int64_t* stride, const int64_t* padding,
                                         const int64_t* output_padding, int64_t groups, const int64_t* dilation, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::conv_transpose2d(T(input), T(weight), opt(bias), pair(stride), pair(padding), pair(output_padding), groups, pair(dilation))))
}
MLSEG_API int32_t mlseg_linear(mlseg_tensor input, mlseg_tensor weight, mlseg_tensor bias, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::linear(T(input), T(weight), opt(bias))))
}
// In training mode running_mean/running_var (may be null) are updated in place with `momentum`.
MLSEG_API int32_t mlseg_batch_norm(mlseg_tensor input, mlseg_tensor weight, mlseg_tensor bias, mlseg_tensor running_mean, mlseg_tensor running_var,
                                   int32_t training, double momentum, double eps, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::batch_norm(T(input), opt(weight), opt(bias), opt(running_mean), opt(running_var), training != 0, momentum, eps, true)))
}
MLSEG_API int32_t mlseg_group_norm(mlseg_tensor input, int64_t groups, mlseg_tensor weight, mlseg_tensor bias, double eps, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::group_norm(T(input), groups, opt(weight), opt(bias), eps, true)))
}
MLSEG_API int32_t mlseg_max_pool2d(mlseg_tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding, int32_t ceil_mode, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::max_pool2d(T(input), pair(kernel), pair(stride), pair(padding), {1, 1}, ceil_mode != 0)))
}
MLSEG_API int32_t mlseg_avg_pool2d(mlseg_tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding, int32_t ceil_mode,
                                   int32_t count_include_pad, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::avg_pool2d(T(input), pair(kernel), pair(stride), pair(padding), ceil_mode != 0, count_include_pad != 0)))
}
MLSEG_API int32_t mlseg_adaptive_avg_pool2d(mlseg_tensor input, const int64_t* size, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::adaptive_avg_pool2d(T(input), pair(size))))
}
// mode 0 = nearest, 1 = bilinear. size is (h, w); align_corners applies to bilinear only.
MLSEG_API int32_t mlseg_interpolate(mlseg_tensor input, const int64_t* size, int32_t mode, int32_t align_corners, mlseg_tensor* out) {
    MLSEG_FENCE(
        auto s = pair(size);
        if (mode == 0) put(out, at::upsample_nearest2d(T(input), s));
        else if (mode == 1) put(out, at::upsample_bilinear2d(T(input), s, align_corners != 0));
        else throw std::invalid_argument("interpolate: mode must be 0 (nearest) or 1 (bilinear), got " + std::to_string(mode)))
}
// pads: (left, right, top, bottom) for the last two dims; mode 0 constant, 1 reflect, 2 replicate.
MLSEG_API int32_t mlseg_pad2d(mlseg_tensor input, const int64_t* pads, int32_t mode, double value, mlseg_tensor* out) {
    MLSEG_FENCE(
        if (pads == nullptr) throw std::invalid_argument("null pads");
        std::vector<int64_t> p(pads, pads + 4);
        if (mode == 0) put(out, at::constant_pad_nd(T(input), p, value));
        else if (mode == 1) put(out, at::reflection_pad2d(T(input), p));
        else if (mode == 2) put(out, at::replication_pad2d(T(input), p));
        else throw std::invalid_argument("pad: mode must be 0 (constant), 1 (reflect) or 2 (replicate)"))
}
MLSEG_API int32_t mlseg_dropout(mlseg_tensor input, double p, int32_t training, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::dropout(T(input), p, training != 0)))
}
MLSEG_API int32_t mlseg_softmax(mlseg_tensor input, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::softmax(T(input), d))) }
MLSEG_API int32_t mlseg_log_softmax(mlseg_tensor input, int64_t d, mlseg_tensor* out) { MLSEG_FENCE(put(out, at::log_softmax(T(input), d))) }

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's numbering).
MLSEG_API int32_t mlseg_cross_entropy(mlseg_tensor input, mlseg_tensor target, mlseg_tensor weight, int32_t reduction, int64_t ignore_index,
                                      double label_smoothing, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::cross_entropy_loss(T(input), T(target), opt(weight), reduction, ignore_index, label_smoothing)))
}
MLSEG_API int32_t mlseg_nll_loss(mlseg_tensor input, mlseg_tensor target, mlseg_tensor weight, int32_t reduction, int64_t ignore_index, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::nll_loss_nd(T(input), T(target), opt(weight), reduction, ignore_index)))
}
MLSEG_API int32_t mlseg_bce_with_logits(mlseg_tensor input, mlseg_tensor target, mlseg_tensor weight, mlseg_tensor pos_weight, int32_t reduction, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::binary_cross_entropy_with_logits(T(input), T(target), opt(weight), opt(pos_weight), reduction)))
}
MLSEG_API int32_t mlseg_mse_loss(mlseg_tensor input, mlseg_tensor target, int32_t reduction, mlseg_tensor* out) {
    MLSEG_FENCE(put(out, at::mse_loss(T(input), T(target), reduction)))
}
