using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>CUDA queries (PyTorch's <c>torch.cuda</c>). On a CPU-only libtorch they report no devices.</summary>
public static class Cuda
{
    /// <summary>Whether the loaded libtorch can use a CUDA device.</summary>
    public static bool IsAvailable
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_cuda_is_available(out int on), "cuda.is_available");
            return on != 0;
        }
    }

    /// <summary>Number of visible CUDA devices.</summary>
    public static int DeviceCount
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            NativeStatus.Check(NativeMethods.mlseg_cuda_device_count(out int n), "cuda.device_count");
            return n;
        }
    }

    /// <summary>Waits for all kernels on device <paramref name="index"/> to finish.</summary>
    public static void Synchronize(int index = 0)
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_cuda_synchronize(index), "cuda.synchronize");
    }

    /// <summary>Returns the caching allocator's unused blocks to the driver (no-op without CUDA).</summary>
    public static void EmptyCache()
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_cuda_empty_cache(), "cuda.empty_cache");
    }
}
