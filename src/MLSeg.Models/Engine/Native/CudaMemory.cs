using System.Runtime.InteropServices;

namespace MLSeg.Models.Engine.Native;

/// <summary>
/// Free and total memory of a CUDA device (PyTorch's <c>torch.cuda.mem_get_info</c>), which TorchSharp 0.107 does not
/// expose: the CUDA runtime's <c>cudaGetDevice</c>/<c>cudaSetDevice</c>/<c>cudaMemGetInfo</c>, taken from the
/// <c>libcudart</c> a CUDA libtorch has already loaded (its soname differs by CUDA major version, so the exports are
/// looked up by name rather than bound with <c>LibraryImport</c> to one file).
/// </summary>
internal static unsafe class CudaMemory
{
    // CUDA 13 (PyTorch 2.11 cu130), 12 and 11 runtimes; the unversioned name last (a CUDA toolkit's development link).
    private static readonly string[] RuntimeNames = ["libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0", "libcudart.so"];
    private static readonly Lock Gate = new();

    /// <summary>(free, total) bytes of CUDA device <paramref name="index"/>; throws naming the runtime call that failed.</summary>
    public static (long Free, long Total) Query(int index)
    {
        var (getDeviceAddress, setDeviceAddress, memGetInfoAddress, library) = Bind();
        var getDevice = (delegate* unmanaged<int*, int>)getDeviceAddress;
        var setDevice = (delegate* unmanaged<int, int>)setDeviceAddress;
        var memGetInfo = (delegate* unmanaged<nuint*, nuint*, int>)memGetInfoAddress;
        lock (Gate)
        {
            int previous;
            Check(getDevice(&previous), "cudaGetDevice", library);
            Check(setDevice(index), $"cudaSetDevice({index})", library);
            try
            {
                nuint free, total;
                Check(memGetInfo(&free, &total), "cudaMemGetInfo", library);
                return ((long)free, (long)total);
            }
            finally
            {
                Check(setDevice(previous), $"cudaSetDevice({previous})", library);
            }
        }
    }

    private static (nint GetDevice, nint SetDevice, nint MemGetInfo, string Library) Bind()
    {
        foreach (string name in RuntimeNames)
        {
            if (NativeLibrary.TryLoad(name, out nint handle)
                && NativeLibrary.TryGetExport(handle, "cudaGetDevice", out nint getDevice)
                && NativeLibrary.TryGetExport(handle, "cudaSetDevice", out nint setDevice)
                && NativeLibrary.TryGetExport(handle, "cudaMemGetInfo", out nint memGetInfo))
            {
                return (getDevice, setDevice, memGetInfo, name);
            }
        }

        throw new EngineLoadException(
            $"The CUDA runtime library was not found (tried {string.Join(", ", RuntimeNames)}); free device memory cannot be read. " +
            "A CUDA libtorch loads it: bind one with MLSEG_LIBTORCH_DIR and put the nvidia/*/lib folders of the PyTorch install on LD_LIBRARY_PATH.");
    }

    private static void Check(int status, string call, string library)
    {
        if (status != 0)
        {
            throw new MLSeg.Core.Errors.NativeEngineException(call, status, $"{library} returned cudaError {status} (see cudaGetErrorName)");
        }
    }
}
