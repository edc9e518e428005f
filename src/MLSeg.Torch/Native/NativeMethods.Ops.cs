using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

// P/Invoke declarations for the shim exports in src/MLSeg.Torch/native (ops); see mlseg_torch.h for the ABI rules.
// Each returns the shim status (0 = ok); NativeStatus.Check turns failures into NativeEngineException.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_detach(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_clone(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_contiguous(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_channels_last(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_neg(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_abs(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_exp(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_log(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sqrt(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_square(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sign(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_floor(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_round(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_relu(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sigmoid(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tanh(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_gelu(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_logical_not(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_isfinite(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_max_all(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_min_all(TensorHandle a, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mul(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_div(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_pow(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_maximum(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_minimum(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_eq(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_ne(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_lt(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_le(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_gt(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_ge(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_logical_and(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_logical_or(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_matmul(TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_add_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mul_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_div_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_pow_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_rsub_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_eq_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_ne_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_lt_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_le_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_gt_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_ge_scalar(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_leaky_relu(TensorHandle a, double s, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_add(TensorHandle a, TensorHandle b, double alpha, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sub(TensorHandle a, TensorHandle b, double alpha, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_clamp(TensorHandle a, int hasMin, double min, int hasMax, double max, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_where(TensorHandle cond, TensorHandle a, TensorHandle b, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_reshape(TensorHandle a, long* shape, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_view(TensorHandle a, long* shape, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_permute(TensorHandle a, long* order, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_expand(TensorHandle a, long* shape, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_repeat(TensorHandle a, long* reps, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_flip(TensorHandle a, long* dims, int n, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_transpose(TensorHandle a, long d0, long d1, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_squeeze(TensorHandle a, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_unsqueeze(TensorHandle a, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_flatten(TensorHandle a, long start, long end, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_slice(TensorHandle a, long d, long start, long end, long step, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_narrow(TensorHandle a, long d, long start, long length, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_select(TensorHandle a, long d, long index, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_index_select(TensorHandle a, long d, TensorHandle index, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_gather(TensorHandle a, long d, TensorHandle index, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_masked_select(TensorHandle a, TensorHandle mask, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cat(IntPtr* tensors, int n, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_stack(IntPtr* tensors, int n, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_one_hot(TensorHandle a, long classes, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sum(TensorHandle a, long* dims, int n, int keepdim, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mean(TensorHandle a, long* dims, int n, int keepdim, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_std(TensorHandle a, long* dims, int n, int unbiased, int keepdim, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_max_dim(TensorHandle a, long d, int keepdim, out TensorHandle values, out TensorHandle indices);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_argmax(TensorHandle a, long d, int keepdim, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_all_close(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);
}
