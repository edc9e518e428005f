using Microsoft.Win32.SafeHandles;

namespace MLSeg.Onnx.Native;

/// <summary>Owns one <c>OrtValue</c>; released with <c>OrtApi::ReleaseValue</c>.</summary>
internal sealed unsafe class OrtValueHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle that a native call fills in.</summary>
    public OrtValueHandle() : base(ownsHandle: true) { }

    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtValueHandle(IntPtr pointer) : base(ownsHandle: true) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)OrtLibrary.Api[OrtApiIndex.ReleaseValue])(handle);
        return true;
    }
}
