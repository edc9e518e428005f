using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

/// <summary>Owns one native <c>at::Generator</c>; released with <c>mlseg_generator_free</c>.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    /// <summary>Used by the interop marshaller for out-parameters.</summary>
    public GeneratorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    /// <summary>An invalid handle passed where an optional argument is absent (the shim reads it as null). Never disposed.</summary>
    public static GeneratorHandle Null { get; } = new();

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => NativeMethods.mlseg_generator_free(handle) == 0;
}
