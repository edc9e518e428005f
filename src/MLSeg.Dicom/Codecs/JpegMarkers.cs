using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>JPEG marker segments (ITU T.81 B.1.1.4) and DHT parsing, shared by the lossless and DCT decoders.</summary>
internal static class JpegMarkers
{
    /// <summary>
    /// Reads the next marker; <paramref name="segment"/> is its segment without the length field (empty for
    /// stand-alone markers) and <paramref name="start"/> the marker's offset. Positions <paramref name="pos"/> after it.
    /// </summary>
    public static byte NextSegment(ReadOnlySpan<byte> data, ref int pos, string file, out ReadOnlySpan<byte> segment, out int start)
    {
        while (pos < data.Length && data[pos] != 0xFF)
        {
            pos++;
        }

        while (pos < data.Length && data[pos] == 0xFF)
        {
            pos++; // fill bytes
        }

        if (pos >= data.Length)
        {
            throw new DicomFormatException(file, pos, DicomTag.PixelData, "JPEG stream ends before its scan (no SOS marker).");
        }

        byte marker = data[pos++];
        start = pos - 2;
        segment = [];
        if (marker is 0x01 or (>= 0xD0 and <= 0xD9))
        {
            return marker;
        }

        if (data.Length - pos < 2)
        {
            throw new DicomFormatException(file, start, DicomTag.PixelData, $"JPEG marker FF{marker:X2} has no length field.");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
        if (length < 2 || length > data.Length - pos)
        {
            throw new DicomFormatException(file, start, DicomTag.PixelData, $"JPEG marker FF{marker:X2} segment length {length} exceeds the {data.Length - pos} bytes that remain.");
        }

        segment = data.Slice(pos + 2, length - 2);
        pos += length;
        return marker;
    }

    /// <summary>Parses a DHT segment into <paramref name="dc"/> (class 0) and, when given, <paramref name="ac"/> (class 1) tables.</summary>
    public static void ReadHuffmanTables(ReadOnlySpan<byte> segment, JpegHuffmanTable?[] dc, bool dcOnly, string file, int start, JpegHuffmanTable?[]? ac = null)
    {
        int p = 0;
        while (p < segment.Length)
        {
            if (segment.Length - p < 17)
            {
                throw new DicomFormatException(file, start, DicomTag.PixelData, "JPEG DHT segment is truncated.");
            }

            int tc = segment[p] >> 4, th = segment[p] & 0x0F;
            ReadOnlySpan<byte> counts = segment.Slice(p + 1, 16);
            int total = 0;
            foreach (byte c in counts)
            {
                total += c;
            }

            if (th > 3 || tc > 1 || (dcOnly && tc != 0) || total > 256 || segment.Length - p - 17 < total)
            {
                throw new DicomFormatException(file, start, DicomTag.PixelData, $"JPEG DHT table class {tc}, id {th} with {total} symbols is invalid here.");
            }

            var table = new JpegHuffmanTable(counts, segment.Slice(p + 17, total));
            if (tc == 0)
            {
                dc[th] = table;
            }
            else if (ac is not null)
            {
                ac[th] = table;
            }

            p += 17 + total;
        }
    }
}
