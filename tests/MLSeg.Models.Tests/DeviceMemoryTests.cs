using MLSeg.Models.Engine;
using MLSeg.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Tests;

/// <summary>Free device memory for <c>--jobs auto</c> (the CUDA runtime's cudaMemGetInfo).</summary>
public class DeviceMemoryTests
{
    [NativeFact]
    public void Cuda_CpuDevice_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => DeviceMemory.Cuda(torch.CPU));
        Assert.Contains("cpu is not one", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Cuda_DeviceTheEngineDoesNotSee_ThrowsNamingIt()
    {
        int count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        var ex = Assert.Throws<EngineLoadException>(() => DeviceMemory.Cuda(new Device(DeviceType.CUDA, count)));
        Assert.Contains($"cuda:{count} was requested", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact(Cuda = true)]
    public void Cuda_Device0_FreeShrinksByAnAllocation()
    {
        var device = new Device(DeviceType.CUDA, 0);
        var (free, total) = DeviceMemory.Cuda(device);
        Assert.InRange(free, 1, total);
        // 1 GiB held by libtorch's caching allocator is memory the runtime no longer reports free.
        using (Tensor block = torch.empty([256L * 1024 * 1024], ScalarType.Float32, device))
        {
            torch.cuda.synchronize(device);
            var (during, totalDuring) = DeviceMemory.Cuda(device);
            Assert.Equal(total, totalDuring);
            Assert.True(free - during >= (1L << 30) - (64L << 20), $"free {free} → {during} after a 1 GiB allocation");
        }
    }
}
