using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>RLE Lossless decoder (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per sample byte, most significant byte first.</summary>
internal static class RleCodec
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> frame, int rows, int columns, int samplesPerPixel, int bitsAllocated, string file)
    {
        if (frame.Length < 64)
        {
            throw Bad(file, $"frame is {frame.Length} bytes, shorter than the 64-byte RLE header.");
        }

        int bytesPerSample = Math.Max(1, bitsAllocated / 8);
        int segments = (int)BinaryPrimitives.ReadUInt32LittleEndian(frame);
        int expected = bytesPerSample * samplesPerPixel;
        if (segments != expected)
        {
            throw Bad(file, $"RLE header declares {segments} segments; {samplesPerPixel} samples of {bitsAllocated} bits need {expected}.");
        }

        int plane = rows * columns;
        if ((long)plane * segments > (long)frame.Length * 64)
        {
            // PackBits expands at most 2 bytes into 128, so a shorter frame cannot hold this image.
            throw Bad(file, $"a {frame.Length}-byte RLE frame cannot hold {segments} segments of {plane} bytes.");
        }

        var output = new byte[plane * expected];
        for (int seg = 0; seg < segments; seg++)
        {
            uint start = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (4 * seg))..]);
            uint end = seg + 1 < segments ? BinaryPrimitives.ReadUInt32LittleEndian(frame[(8 + (4 * seg))..]) : (uint)frame.Length;
            if (start < 64 || start > end || end > frame.Length)
            {
                throw Bad(file, $"RLE segment {seg} spans bytes {start}..{end} of a {frame.Length}-byte frame.");
            }

            int sample = seg / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - (seg % bytesPerSample); // segments are MSB first; output is little endian
            DecodeSegment(frame[(int)start..(int)end], output, (sample * plane * bytesPerSample) + byteInSample, bytesPerSample, plane, file, seg);
        }

        return new DecodedFrame(output, bytesPerSample * 8, Planar: true);
    }

    private static void DecodeSegment(ReadOnlySpan<byte> src, byte[] output, int first, int stride, int count, string file, int seg)
    {
        int i = 0, written = 0;
        while (written < count)
        {
            if (i >= src.Length)
            {
                throw Bad(file, $"RLE segment {seg} ends after {written} of {count} bytes.");
            }

            int n = (sbyte)src[i++];
            if (n >= 0)
            {
                int len = n + 1;
                if (i + len > src.Length || written + len > count)
                {
                    throw Bad(file, $"RLE segment {seg}: literal run of {len} overruns the segment or the frame.");
                }

                for (int k = 0; k < len; k++)
                {
                    output[first + ((written + k) * stride)] = src[i + k];
                }

                i += len;
                written += len;
            }
            else if (n != -128)
            {
                int len = 1 - n;
                if (i >= src.Length || written + len > count)
                {
                    throw Bad(file, $"RLE segment {seg}: replicate run of {len} overruns the segment or the frame.");
                }

                byte b = src[i++];
                for (int k = 0; k < len; k++)
                {
                    output[first + ((written + k) * stride)] = b;
                }

                written += len;
            }
        }
    }

    private static DicomFormatException Bad(string file, string problem) => new(file, -1, DicomTag.PixelData, problem);
}
