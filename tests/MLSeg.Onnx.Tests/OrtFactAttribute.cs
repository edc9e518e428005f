namespace MLSeg.Onnx.Tests;

/// <summary>A fact that needs ONNX Runtime; skips with the loader's reason (run `make setup`) when it cannot be loaded.</summary>
public sealed class OrtFactAttribute : FactAttribute
{
    public OrtFactAttribute()
    {
        if (OnnxSession.RuntimeLoadError is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Also needs the libtorch shim (for comparisons with MLSeg.Torch).</summary>
    public bool Torch
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && MLSeg.Torch.Torch.NativeLoadError is { } reason)
            {
                Skip = reason;
            }
        }
    }
}

/// <summary>A theory that needs ONNX Runtime (and, with <see cref="Torch"/>, the libtorch shim).</summary>
public sealed class OrtTheoryAttribute : TheoryAttribute
{
    public OrtTheoryAttribute()
    {
        if (OnnxSession.RuntimeLoadError is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Also needs the libtorch shim.</summary>
    public bool Torch
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && MLSeg.Torch.Torch.NativeLoadError is { } reason)
            {
                Skip = reason;
            }
        }
    }
}
