using MLSeg.Torch.Native;

namespace MLSeg.Torch;

/// <summary>Sets autograd recording on this thread for its lifetime and restores the previous mode on dispose.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        NativeLibraryLoader.EnsureLoaded();
        NativeStatus.Check(NativeMethods.mlseg_set_grad_enabled(enabled ? 1 : 0, out int prev), "set_grad_enabled");
        previous = prev != 0;
    }

    /// <summary>Restores the mode that was active before this scope.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            NativeStatus.Check(NativeMethods.mlseg_set_grad_enabled(previous ? 1 : 0, out _), "set_grad_enabled");
        }
    }
}
