using MLSeg.Onnx;
using MLSeg.TestKit;

namespace MLSeg.Tests;

/// <summary>
/// A prediction fact: needs the libtorch shim (the test model is built with it); <see cref="Onnx"/> adds ONNX Runtime,
/// <see cref="Tools"/> external tools. Skips with the first missing dependency's reason.
/// </summary>
public sealed class PredictionFactAttribute : FactAttribute
{
    public PredictionFactAttribute()
    {
        Skip = MLSeg.Models.Engine.TorchRuntime.LoadError;
    }

    /// <summary>When true, the test also needs ONNX Runtime.</summary>
    public bool Onnx
    {
        get => field;
        set
        {
            field = value;
            if (value && Skip is null)
            {
                Skip = OnnxSession.RuntimeLoadError;
            }
        }
    }

    /// <summary>External tools the test also needs (as <see cref="ToolFactAttribute"/> names them).</summary>
    public string[] Tools
    {
        get => field ?? [];
        set
        {
            field = value;
            if (Skip is null)
            {
                Skip = ExternalTools.SkipReason(value);
            }
        }
    }
}
