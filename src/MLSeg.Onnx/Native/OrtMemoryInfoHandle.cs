using Microsoft.Win32.SafeHandles;

namespace MLSeg.Onnx.Native;

/// <summary>Owns one <c>OrtMemoryInfo</c>; released with <c>OrtApi::ReleaseMemoryInfo</c>.</summary>
internal sealed unsafe class OrtMemoryInfoHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle that a native call fills in.</summary>
    public OrtMemoryInfoHandle() : base(ownsHandle: true) { }

    /// <summary>Takes ownership of <paramref name="pointer"/>.</summary>
    public OrtMemoryInfoHandle(IntPtr pointer) : base(ownsHandle: true) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<IntPtr, void>)OrtLibrary.Api[OrtApiIndex.ReleaseMemoryInfo])(handle);
        return true;
    }
}
