using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

// P/Invoke declarations for the shim exports in src/MLSeg.Torch/native (core); see mlseg_torch.h for the ABI rules.
// Each returns the shim status (0 = ok); NativeStatus.Check turns failures into NativeEngineException.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr mlseg_last_error();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_abi_version(out int version);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_torch_version(byte* buffer, int capacity, out int length);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_build_info(byte* buffer, int capacity, out int length);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cuda_is_available(out int available);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cuda_device_count(out int count);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cuda_synchronize(int index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_cuda_empty_cache();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_manual_seed(long seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_set_num_threads(int n);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_get_num_threads(out int n);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_set_deterministic(int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_set_grad_enabled(int enabled, out int previous);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_is_grad_enabled(out int enabled);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_malloc_tuned(out int tuned);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_autocast_enter(int deviceType, int dtype, out int previousEnabled, out int previousDtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_autocast_exit(int deviceType, int previousEnabled, int previousDtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_autocast_is_enabled(int deviceType, out int enabled);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_generator_create(long seed, int deviceType, out GeneratorHandle generator);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_generator_free(IntPtr generator);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int mlseg_generator_seed(GeneratorHandle generator, long seed);
}
