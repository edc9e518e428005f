using MLSeg.Onnx;

namespace MLSeg.Tests;

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
}
