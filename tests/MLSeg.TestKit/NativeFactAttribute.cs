namespace MLSeg.TestKit;

/// <summary>
/// A fact that needs the libtorch shim; skips with the loader's reason when it cannot be loaded (CI builds it, so these
/// run there). Add <c>Cuda = true</c> for tests that need a CUDA device.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when libmlseg_torch cannot be loaded.</summary>
    public NativeFactAttribute()
    {
        if (MLSeg.Torch.Torch.NativeLoadError is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>When true, the test also needs a CUDA device.</summary>
    public bool Cuda
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && !MLSeg.Torch.Cuda.IsAvailable)
            {
                Skip = "needs a CUDA device; the loaded libtorch has none (run on a GPU machine with `make setup LIBTORCH_DIR=...`)";
            }
        }
    }
}

/// <summary>A theory that needs the libtorch shim; skips with the loader's reason when it cannot be loaded.</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when libmlseg_torch cannot be loaded.</summary>
    public NativeTheoryAttribute()
    {
        if (MLSeg.Torch.Torch.NativeLoadError is { } reason)
        {
            Skip = reason;
        }
    }
}
