using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>
/// Mixed precision (PyTorch's <c>torch.autocast(device_type, dtype)</c>): inside the scope, eligible ops (convs,
/// matmuls) run in a lower precision while reductions and losses stay in float32. CUDA takes float16 or bfloat16;
/// CPU takes bfloat16 (libtorch 1.13 has no float16 CPU autocast). Thread-local, like PyTorch's; scopes nest and each
/// restores the state it found. Asking for CUDA on a libtorch without a usable CUDA device is a
/// <see cref="Core.Errors.NativeEngineException"/> that says so.
/// </summary>
public sealed class AutocastScope : IDisposable
{
    private readonly int previousEnabled;
    private readonly int previousDtype;
    private bool disposed;

    internal AutocastScope(DeviceType device, ScalarType dtype)
    {
        if (dtype is not (ScalarType.Float16 or ScalarType.BFloat16))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Autocast runs in float16 or bfloat16.");
        }

        if (device == DeviceType.Cpu && dtype != ScalarType.BFloat16)
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "CPU autocast runs in bfloat16 only (libtorch 1.13 has no float16 CPU autocast).");
        }

        NativeLibraryLoader.EnsureLoaded();
        DeviceType = device;
        DType = dtype;
        NativeStatus.Check(NativeMethods.mlseg_autocast_enter((int)device, (int)dtype, out previousEnabled, out previousDtype),
            $"autocast({device.ToString().ToLowerInvariant()}, {dtype.Name()})");
    }

    /// <summary>The device type whose ops this scope casts.</summary>
    public DeviceType DeviceType { get; }

    /// <summary>The lower precision eligible ops run in.</summary>
    public ScalarType DType { get; }

    /// <summary>Whether autocast is on for <paramref name="device"/> on this thread.</summary>
    public static bool IsEnabled(DeviceType device)
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_autocast_is_enabled((int)device, out int enabled), "autocast is_enabled");
        return enabled != 0;
    }

    /// <summary>Leaves mixed precision, restoring the state the scope found.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            NativeStatus.Check(NativeMethods.mlseg_autocast_exit((int)DeviceType, previousEnabled, previousDtype), "autocast exit");
        }
    }
}
