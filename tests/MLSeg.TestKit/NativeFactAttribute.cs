namespace MLSeg.TestKit;

/// <summary>
/// A fact that needs the engine (TorchSharp over libtorch); skips with the loader's reason when it cannot be loaded (CI builds it, so these
/// run there). Add <c>Cuda = true</c> for tests that need a CUDA device.
/// </summary>
public sealed class NativeFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the engine (TorchSharp + libtorch, prepared by `make setup`) cannot be loaded.</summary>
    public NativeFactAttribute()
    {
        if (MLSeg.Models.Engine.TorchRuntime.LoadError is { } reason)
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
            if (value && Skip is null && !TorchSharp.torch.cuda.is_available())
            {
                Skip = "needs a CUDA device; the loaded libtorch has none (run on a GPU machine with `make setup LIBTORCH_DIR=...`)";
            }
        }
    }
}

/// <summary>A theory that needs the engine (TorchSharp over libtorch); skips with the loader's reason when it cannot be loaded.</summary>
public sealed class NativeTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the engine (TorchSharp + libtorch, prepared by `make setup`) cannot be loaded.</summary>
    public NativeTheoryAttribute()
    {
        if (MLSeg.Models.Engine.TorchRuntime.LoadError is { } reason)
        {
            Skip = reason;
        }
    }
}
