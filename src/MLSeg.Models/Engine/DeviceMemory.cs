using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>Memory of a compute device as the process sees it now (PyTorch's <c>torch.cuda.mem_get_info</c> for CUDA).</summary>
public static class DeviceMemory
{
    /// <summary>
    /// (free, total) bytes of CUDA device <paramref name="device"/>, read from the CUDA runtime the loaded libtorch uses
    /// (memory held by other processes and by this process's caching allocator counts as used). A CPU device, or a CUDA
    /// device the engine cannot see, is an error naming it.
    /// </summary>
    public static (long FreeBytes, long TotalBytes) Cuda(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.type != DeviceType.CUDA)
        {
            throw new ArgumentException($"DeviceMemory.Cuda reads a CUDA device's memory; {Devices.Describe(device)} is not one.", nameof(device));
        }

        Devices.RequireAvailable(device);
        return Native.CudaMemory.Query(Math.Max(0, (int)device.index));
    }
}
