using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>
/// Sequential DCT JPEG with Huffman coding (ITU T.81 processes 1, 2 and 4: SOF0/SOF1, 8- or 12-bit samples), used for
/// JPEG Extended 12-bit, which libturbojpeg 2.1 cannot decode. Components may be interleaved or in separate scans;
/// subsampled components are replicated to full size; no colour conversion is applied (stored values).
/// </summary>
internal static partial class JpegDctDecoder
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> data, int rows, int columns, int samplesPerPixel, string file)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw Bad(file, 0, "stream does not start with SOI (FFD8).");
        }

        var quant = new int[4][];
        var dc = new JpegHuffmanTable?[4];
        var ac = new JpegHuffmanTable?[4];
        Frame? frame = null;
        int restartInterval = 0;
        int pos = 2;
        while (true)
        {
            byte marker = JpegMarkers.NextSegment(data, ref pos, file, out ReadOnlySpan<byte> seg, out int start);
            switch (marker)
            {
                case 0xD9:
                    if (frame is null)
                    {
                        throw Bad(file, start, "EOI before any frame.");
                    }

                    return frame.Output(file);
                case 0xDB:
                    ReadQuantTables(seg, quant, file, start);
                    break;
                case 0xC4:
                    JpegMarkers.ReadHuffmanTables(seg, dc, dcOnly: false, file, start, ac);
                    break;
                case 0xDD:
                    restartInterval = seg.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(seg) : throw Bad(file, start, "DRI segment is too short.");
                    break;
                case 0xC0 or 0xC1:
                    frame = Frame.Parse(seg, file, start);
                    if (frame.Width != columns || frame.Height != rows || frame.Components.Length != samplesPerPixel)
                    {
                        throw Bad(file, start, $"frame is {frame.Width}x{frame.Height}x{frame.Components.Length}; the dataset says {columns}x{rows}x{samplesPerPixel}.");
                    }

                    break;
                case 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    throw Bad(file, start, $"SOF marker FF{marker:X2} (progressive, lossless, hierarchical or arithmetic) is not a sequential Huffman DCT stream.");
                case 0xDA:
                    if (frame is null)
                    {
                        throw Bad(file, start, "SOS before SOF.");
                    }

                    pos = frame.DecodeScan(data, pos, seg, quant, dc, ac, restartInterval, file, start);
                    break;
                default:
                    break;
            }
        }
    }

    private static void ReadQuantTables(ReadOnlySpan<byte> seg, int[][] quant, string file, int start)
    {
        int p = 0;
        while (p < seg.Length)
        {
            int pq = seg[p] >> 4, tq = seg[p] & 15;
            int size = pq == 0 ? 64 : 128;
            if (tq > 3 || pq > 1 || seg.Length - p - 1 < size)
            {
                throw Bad(file, start, $"DQT table {tq} (precision {pq}) is invalid or truncated.");
            }

            var table = new int[64];
            for (int k = 0; k < 64; k++)
            {
                table[k] = pq == 0 ? seg[p + 1 + k] : BinaryPrimitives.ReadUInt16BigEndian(seg[(p + 1 + (2 * k))..]);
            }

            quant[tq] = table;
            p += 1 + size;
        }
    }

    private static int Extend(int v, int t) => t == 0 ? 0 : v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;

    private static DicomFormatException Bad(string file, long offset, string problem) => new(file, offset, DicomTag.PixelData, $"JPEG DCT: {problem}");
}
