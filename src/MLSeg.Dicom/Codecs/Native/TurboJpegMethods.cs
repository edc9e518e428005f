using System.Runtime.InteropServices;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>libturbojpeg 2.x TurboJPEG API (libturbojpeg.so.0): tjInitDecompress, tjDecompressHeader3, tjDecompress2, tjDestroy.</summary>
internal static partial class TurboJpegMethods
{
    private const string Library = "libturbojpeg.so.0";

    /// <summary>TJPF_RGB: 3 bytes per pixel, R G B.</summary>
    public const int PixelFormatRgb = 0;

    /// <summary>TJPF_GRAY: 1 byte per pixel.</summary>
    public const int PixelFormatGray = 6;

    /// <summary>TJFLAG_ACCURATEDCT: the accurate integer IDCT (libjpeg's default JDCT_ISLOW) rather than the fast one.</summary>
    public const int FlagAccurateDct = 4096;

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial nint InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static partial int DecompressHeader3(nint handle, nint jpegBuf, nuint jpegSize, out int width, out int height, out int subsamp, out int colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static partial int Decompress2(nint handle, nint jpegBuf, nuint jpegSize, nint dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    public static partial nint GetErrorStr2(nint handle);
}
