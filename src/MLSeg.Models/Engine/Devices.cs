using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>Device names as MLSeg's command line and specs write them (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>).</summary>
public static class Devices
{
    /// <summary>Parses <c>cpu</c>, <c>cuda</c> (device 0) or <c>cuda:N</c>; anything else is an error naming the text.</summary>
    public static Device Parse(string text) => ParseCudaIndex(text) is { } index ? new Device(DeviceType.CUDA, index) : torch.CPU;

    /// <summary>
    /// The device grammar alone, without touching the engine (ONNX Runtime's device options use it too): null for
    /// <c>cpu</c>, the CUDA index for <c>cuda</c> (0) or <c>cuda:N</c>; anything else is an error naming the text.
    /// </summary>
    public static int? ParseCudaIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        return t switch
        {
            "cpu" => null,
            "cuda" => 0,
            _ when t.StartsWith("cuda:", StringComparison.Ordinal)
                && int.TryParse(t.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) => n,
            _ => throw new ArgumentException($"Device '{text}' is not cpu, cuda or cuda:N (N a device index ≥ 0).", nameof(text)),
        };
    }

    /// <summary>
    /// Throws when <paramref name="device"/> is a CUDA device the loaded libtorch cannot use, naming the libtorch folder and
    /// how to bind a CUDA one — never a silent CPU run.
    /// </summary>
    public static void RequireAvailable(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.type != DeviceType.CUDA)
        {
            return;
        }

        TorchRuntime.EnsureLoaded();
        int count = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        if (device.index >= count)
        {
            throw new EngineLoadException(
                $"Device {Describe(device)} was requested, but the loaded libtorch ({TorchRuntime.LibTorchDirectory}) sees {count} CUDA device(s). " +
                $"Bind a CUDA libtorch with `make setup LIBTORCH_DIR=<site-packages>/torch/lib` or {TorchRuntime.LibTorchDirVariable}, " +
                "with the CUDA libraries of that install on LD_LIBRARY_PATH, on a machine with an NVIDIA GPU.");
        }
    }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static string Describe(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
    }
}
