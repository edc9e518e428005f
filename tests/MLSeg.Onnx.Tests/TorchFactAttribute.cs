namespace MLSeg.Onnx.Tests;

/// <summary>
/// A fact that compares with MLSeg.Torch and so needs the libtorch shim; skips with the loader's reason (run
/// `make setup`) when it cannot be loaded. ONNX Runtime itself ships with the build (NuGet) and needs no skip.
/// </summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute() => Skip = MLSeg.Torch.Torch.NativeLoadError;
}

/// <summary>A theory that needs the libtorch shim (see <see cref="TorchFactAttribute"/>).</summary>
public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute() => Skip = MLSeg.Torch.Torch.NativeLoadError;
}
