using System.Runtime.InteropServices;
using MLSeg.Core.Errors;

namespace MLSeg.Dicom.Codecs.Native;

/// <summary>Decodes JPEG-LS (lossless and near-lossless) frames through CharLS.</summary>
internal static class CharLSDecoder
{
    public static unsafe DecodedFrame Decode(ReadOnlySpan<byte> frame, int rows, int columns, int samplesPerPixel, string file)
    {
        nint decoder = Call(CharLSMethods.DecoderCreate);
        if (decoder == 0)
        {
            throw new NativeEngineException("charls_jpegls_decoder_create returned null (out of memory).");
        }

        try
        {
            fixed (byte* src = frame)
            {
                Check(CharLSMethods.SetSourceBuffer(decoder, (nint)src, (nuint)frame.Length), "set_source_buffer", file);
                Check(CharLSMethods.ReadHeader(decoder), "read_header", file);
                Check(CharLSMethods.GetFrameInfo(decoder, out CharLSMethods.FrameInfo info), "get_frame_info", file);
                Check(CharLSMethods.GetInterleaveMode(decoder, out int interleave), "get_interleave_mode", file);
                if (info.Width != columns || info.Height != rows || info.ComponentCount != samplesPerPixel)
                {
                    throw new DicomFormatException(file, -1, DicomTag.PixelData,
                        $"JPEG-LS frame is {info.Width}x{info.Height}x{info.ComponentCount}; the dataset says {columns}x{rows}x{samplesPerPixel}.");
                }

                Check(CharLSMethods.GetDestinationSize(decoder, 0, out nuint size), "get_destination_size", file);
                int bytesPerSample = info.BitsPerSample > 8 ? 2 : 1;
                long expected = (long)rows * columns * samplesPerPixel * bytesPerSample;
                if ((long)size != expected)
                {
                    throw new DicomFormatException(file, -1, DicomTag.PixelData, $"JPEG-LS destination size {size} differs from the expected {expected} bytes.");
                }

                var output = new byte[expected];
                fixed (byte* dst = output)
                {
                    Check(CharLSMethods.DecodeToBuffer(decoder, (nint)dst, size, 0), "decode_to_buffer", file);
                }

                // interleave_mode none (0) decodes component planes one after another; line/sample modes decode pixel-interleaved.
                return new DecodedFrame(output, bytesPerSample * 8, Planar: interleave == 0 && samplesPerPixel > 1);
            }
        }
        finally
        {
            CharLSMethods.DecoderDestroy(decoder);
        }
    }

    private static T Call<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (DllNotFoundException ex)
        {
            throw new NativeEngineException($"JPEG-LS decoding needs libcharls.so.2 (Debian package libcharls2): {ex.Message}", ex);
        }
    }

    private static void Check(int error, string function, string file)
    {
        if (error != 0)
        {
            string message = Marshal.PtrToStringUTF8(CharLSMethods.GetErrorMessage(error)) ?? "unknown error";
            throw new DicomFormatException(file, -1, DicomTag.PixelData, $"JPEG-LS charls_jpegls_decoder_{function} failed ({error}): {message}");
        }
    }
}
