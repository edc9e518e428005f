using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

/// <summary>A fact that needs the engine (TorchSharp over libtorch) and external tools (e.g. <c>py:onnx</c>); skips naming whichever is missing.</summary>
public sealed class TorchToolFactAttribute : FactAttribute
{
    public TorchToolFactAttribute(params string[] tools)
    {
        Skip = MLSeg.Models.Engine.TorchRuntime.LoadError ?? ExternalTools.SkipReason(tools);
    }
}
