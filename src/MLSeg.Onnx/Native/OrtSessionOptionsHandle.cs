using Microsoft.Win32.SafeHandles;

namespace MLSeg.Onnx.Native;

/// <summary>Owns one <c>OrtSessionOptions</c>; released with <c>OrtApi::ReleaseSessionOptions</c>.</summary>
internal sealed unsafe class OrtSessionOptionsHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle that a native call fills in.</summary>
    public OrtSessionOptionsHandle() : base(ownsHandle: true) { }

    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtSessionOptionsHandle(IntPtr pointer) : base(ownsHandle: true) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)OrtLibrary.Api[OrtApiIndex.ReleaseSessionOptions])(handle);
        return true;
    }
}
