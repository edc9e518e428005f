using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

// P/Invoke declarations for the shim exports in src/MLSeg.Torch/native (tensor); see mlseg_torch.h for the ABI rules.
// Each returns the shim status (0 = ok); NativeStatus.Check turns failures into NativeEngineException.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_free(IntPtr t);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_alias(TensorHandle t, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_dim(TensorHandle t, out int dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_shape(TensorHandle t, long* sizes, int capacity, out int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_numel(TensorHandle t, out long numel);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_dtype(TensorHandle t, out int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_device(TensorHandle t, out int type, out int index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_requires_grad(TensorHandle t, out int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_set_requires_grad(TensorHandle t, int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_is_leaf(TensorHandle t, out int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_is_contiguous(TensorHandle t, out int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_grad(TensorHandle t, out TensorHandle grad);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_zero_grad(TensorHandle t);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_tensor_set_grad(TensorHandle t, TensorHandle grad);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_backward(TensorHandle t, TensorHandle gradient, int retainGraph);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_autograd_grad(TensorHandle y, TensorHandle gradOutput, IntPtr* inputs, int count, int createGraph, IntPtr* outs);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int nonBlocking, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_empty(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex, int requiresGrad, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_eye(long n, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_rand(long* shape, int ndim, GeneratorHandle generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_randn(long* shape, int ndim, GeneratorHandle generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_randint(long low, long high, long* shape, int ndim, GeneratorHandle generator, int dtype, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_randperm(long n, GeneratorHandle generator, int deviceType, int deviceIndex, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_uniform_(TensorHandle t, double low, double high, GeneratorHandle generator);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_normal_(TensorHandle t, double mean, double std, GeneratorHandle generator);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_from_host(void* data, long byteCount, long* shape, int ndim, int dtype, out TensorHandle result);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_to_host(TensorHandle t, void* data, long byteCount);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_item(TensorHandle t, out double value);
}
