using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

// P/Invoke declarations for the shim exports in src/MLSeg.Torch/native (nn); see mlseg_torch.h for the ABI rules.
// Each returns the shim status (0 = ok); NativeStatus.Check turns failures into NativeEngineException.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long* stride, long* padding, long* dilation, long groups, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_conv_transpose2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long* stride, long* padding, long* outputPadding, long groups, long* dilation, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_linear(TensorHandle input, TensorHandle weight, TensorHandle bias, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_batch_norm(TensorHandle input, TensorHandle weight, TensorHandle bias, TensorHandle runningMean, TensorHandle runningVar, int training, double momentum, double eps, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_group_norm(TensorHandle input, long groups, TensorHandle weight, TensorHandle bias, double eps, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_max_pool2d(TensorHandle input, long* kernel, long* stride, long* padding, int ceilMode, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_avg_pool2d(TensorHandle input, long* kernel, long* stride, long* padding, int ceilMode, int countIncludePad, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_adaptive_avg_pool2d(TensorHandle input, long* size, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_interpolate(TensorHandle input, long* size, int mode, int alignCorners, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_pad2d(TensorHandle input, long* pads, int mode, double value, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_dropout(TensorHandle input, double p, int training, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_softmax(TensorHandle input, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_log_softmax(TensorHandle input, long d, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, int reduction, long ignoreIndex, double labelSmoothing, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_nll_loss(TensorHandle input, TensorHandle target, TensorHandle weight, int reduction, long ignoreIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_bce_with_logits(TensorHandle input, TensorHandle target, TensorHandle weight, TensorHandle posWeight, int reduction, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mse_loss(TensorHandle input, TensorHandle target, int reduction, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_zero_(TensorHandle t);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_fill_(TensorHandle t, double v);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_copy_(TensorHandle dst, TensorHandle src);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_add_(TensorHandle t, TensorHandle other, double alpha);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_add_scalar_(TensorHandle t, double v);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mul_(TensorHandle t, TensorHandle other);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_mul_scalar_(TensorHandle t, double v);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_addcmul_(TensorHandle t, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_addcdiv_(TensorHandle t, TensorHandle a, TensorHandle b, double value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_lerp_(TensorHandle t, TensorHandle end, double weight);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_sqrt_(TensorHandle t);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_clamp_(TensorHandle t, double lo, double hi);
}
