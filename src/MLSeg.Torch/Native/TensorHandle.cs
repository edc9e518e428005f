using System.Runtime.InteropServices;

namespace MLSeg.Torch.Native;

/// <summary>Owns one native <c>at::Tensor</c> handle; released with <c>mlseg_tensor_free</c>.</summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Used by the interop marshaller for out-parameters.</summary>
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    /// <summary>Wraps a raw handle returned by an export that hands back several tensors at once.</summary>
    public TensorHandle(IntPtr raw) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(raw);

    /// <summary>An invalid handle passed where an optional argument is absent (the shim reads it as null). Never disposed.</summary>
    public static TensorHandle Null { get; } = new();

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => NativeMethods.mlseg_tensor_free(handle) == 0;
}
