using MLSeg.TestKit;

namespace MLSeg.Onnx.Tests;

/// <summary>A fact that needs the libtorch shim and external tools (e.g. <c>py:onnx</c>); skips naming whichever is missing.</summary>
public sealed class TorchToolFactAttribute : FactAttribute
{
    public TorchToolFactAttribute(params string[] tools)
    {
        Skip = MLSeg.Torch.Torch.NativeLoadError ?? ExternalTools.SkipReason(tools);
    }
}
