using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Codecs;

/// <summary>Chooses the decoder for an encapsulated frame by transfer syntax.</summary>
internal static class FrameCodecs
{
    public static DecodedFrame Decode(DicomFile file, DicomPixelData pixels, byte[] frame)
    {
        DicomTransferSyntax ts = file.TransferSyntax;
        DecodedFrame decoded = ts.Uid switch
        {
            "1.2.840.10008.1.2.5" => RleCodec.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, pixels.BitsAllocated, file.Name),
            "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => JpegLosslessDecoder.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, pixels.BitsAllocated, file.Name),
            "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51" => JpegPrecision(frame) > 8
                ? JpegDctDecoder.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, file.Name)
                : Native.TurboJpegDecoder.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, file.Name),
            "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => Native.CharLSDecoder.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, file.Name),
            "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.91" => Native.OpenJpegDecoder.Decode(frame, pixels.Rows, pixels.Columns, pixels.SamplesPerPixel, pixels.BitsAllocated, file.Name),
            _ => throw new DicomFormatException(file.Name, -1, DicomTag.PixelData,
                $"transfer syntax {ts.Uid} ({ts.Name}) is not supported for pixel decoding; supported: RLE Lossless, JPEG Baseline/Extended, JPEG Lossless (process 14), JPEG-LS, JPEG 2000."),
        };
        return decoded;
    }

    /// <summary>Sample precision from the first SOFn marker (8 when none is found; the decoder then reports the problem).</summary>
    private static int JpegPrecision(ReadOnlySpan<byte> frame)
    {
        for (int i = 0; i + 4 < frame.Length; i++)
        {
            if (frame[i] == 0xFF && frame[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                return frame[i + 4];
            }
        }

        return 8;
    }
}
