using Microsoft.Win32.SafeHandles;

namespace MLSeg.Onnx.Native;

/// <summary>Owns one <c>OrtTensorTypeAndShapeInfo</c>; released with <c>OrtApi::ReleaseTensorTypeAndShapeInfo</c>.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle that a native call fills in.</summary>
    public OrtTensorTypeAndShapeInfoHandle() : base(ownsHandle: true) { }

    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtTensorTypeAndShapeInfoHandle(IntPtr pointer) : base(ownsHandle: true) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)OrtLibrary.Api[OrtApiIndex.ReleaseTensorTypeAndShapeInfo])(handle);
        return true;
    }
}
