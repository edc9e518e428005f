using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>
/// Mixed precision on CUDA (PyTorch's <c>torch.autocast("cuda", dtype)</c>): inside the scope, eligible ops (convs,
/// matmuls) run in float16 or bfloat16 while reductions and losses stay in float32. Thread-local, like PyTorch's.
/// On a libtorch without CUDA, opening one is a <see cref="Core.Errors.NativeEngineException"/> that says so.
/// </summary>
public sealed class AutocastScope : IDisposable
{
    private bool disposed;

    internal AutocastScope(ScalarType dtype)
    {
        if (dtype is not (ScalarType.Float16 or ScalarType.BFloat16))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Autocast runs in float16 or bfloat16.");
        }

        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_autocast_set(1, (int)dtype, out _), $"autocast({dtype.Name()})");
    }

    /// <summary>Leaves mixed precision.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            NativeStatus.Check(NativeMethods.mlseg_autocast_set(0, (int)ScalarType.Float16, out _), "autocast exit");
        }
    }
}
