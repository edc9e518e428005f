using Microsoft.Win32.SafeHandles;

namespace MLSeg.Onnx.Native;

/// <summary>Owns one <c>OrtTypeInfo</c>; released with <c>OrtApi::ReleaseTypeInfo</c>.</summary>
internal sealed unsafe class OrtTypeInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle that a native call fills in.</summary>
    public OrtTypeInfoHandle() : base(ownsHandle: true) { }

    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtTypeInfoHandle(IntPtr pointer) : base(ownsHandle: true) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)OrtLibrary.Api[OrtApiIndex.ReleaseTypeInfo])(handle);
        return true;
    }
}
