using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>
/// Decodes 8-bit DCT JPEG (baseline and extended process 2) through libturbojpeg. Three-component frames come back
/// as RGB (libjpeg converts YCbCr), as DICOM readers conventionally present JPEG-compressed colour.
/// </summary>
internal static class TurboJpegDecoder
{
    public static unsafe DecodedFrame Decode(ReadOnlySpan<byte> frame, int rows, int columns, int samplesPerPixel, string file)
    {
        nint handle;
        try
        {
            handle = TurboJpegMethods.InitDecompress();
        }
        catch (DllNotFoundException ex)
        {
            throw new NativeEngineException($"JPEG baseline decoding needs libturbojpeg.so.0 (Debian package libturbojpeg0): {ex.Message}", ex);
        }

        if (handle == 0)
        {
            throw new NativeEngineException("tjInitDecompress returned null.");
        }

        try
        {
            fixed (byte* src = frame)
            {
                if (TurboJpegMethods.DecompressHeader3(handle, (nint)src, (nuint)frame.Length, out int width, out int height, out _, out _) != 0)
                {
                    throw Fail(handle, "tjDecompressHeader3", file);
                }

                if (width != columns || height != rows)
                {
                    throw new DicomFormatException(file, -1, DicomTag.PixelData, $"JPEG frame is {width}x{height}; the dataset says {columns}x{rows}.");
                }

                int format = samplesPerPixel == 1 ? TurboJpegMethods.PixelFormatGray : TurboJpegMethods.PixelFormatRgb;
                var output = new byte[rows * columns * samplesPerPixel];
                fixed (byte* dst = output)
                {
                    if (TurboJpegMethods.Decompress2(handle, (nint)src, (nuint)frame.Length, (nint)dst, width, 0, height, format, TurboJpegMethods.FlagAccurateDct) != 0)
                    {
                        throw Fail(handle, "tjDecompress2", file);
                    }
                }

                return new DecodedFrame(output, 8, Planar: false);
            }
        }
        finally
        {
            _ = TurboJpegMethods.Destroy(handle);
        }
    }

    private static DicomFormatException Fail(nint handle, string function, string file) =>
        new(file, -1, DicomTag.PixelData, $"JPEG: {function} failed: {Marshal.PtrToStringUTF8(TurboJpegMethods.GetErrorStr2(handle)) ?? "unknown error"}");
}
