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

    /// <summary>Also needs the engine (TorchSharp over libtorch), for comparisons with the network's own forward.</summary>
    public bool Torch
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && MLSeg.Models.Engine.TorchRuntime.LoadError is { } reason)
            {
                Skip = reason;
            }
        }
    }
}

/// <summary>A theory that needs ONNX Runtime (and, with <see cref="Torch"/>, the engine).</summary>
public sealed class OrtTheoryAttribute : TheoryAttribute
{
    public OrtTheoryAttribute()
    {
        if (OnnxSession.RuntimeLoadError is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>Also needs the engine (TorchSharp over libtorch).</summary>
    public bool Torch
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null && MLSeg.Models.Engine.TorchRuntime.LoadError is { } reason)
            {
                Skip = reason;
            }
        }
    }
}
