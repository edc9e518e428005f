using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>
/// JPEG lossless, non-hierarchical (ITU T.81 Annex H, process 14): Huffman-coded differences from predictors 1–7,
/// point transform, restart intervals, 2–16 bit precision, interleaved components with 1×1 sampling.
/// </summary>
internal static class JpegLosslessDecoder
{
    public static DecodedFrame Decode(ReadOnlySpan<byte> data, int rows, int columns, int samplesPerPixel, int bitsAllocated, string file)
    {
        var tables = new JpegHuffmanTable?[4];
        int precision = 0, width = 0, height = 0, restartInterval = 0;
        int[] componentIds = [];
        int pos = 2;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw Bad(file, 0, "JPEG stream does not start with SOI (FFD8).");
        }

        while (true)
        {
            byte marker = JpegMarkers.NextSegment(data, ref pos, file, out ReadOnlySpan<byte> segment, out int segmentStart);
            switch (marker)
            {
                case 0xC3:
                    if (segment.Length < 6)
                    {
                        throw Bad(file, segmentStart, "SOF3 segment is too short.");
                    }

                    precision = segment[0];
                    height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    int nf = segment[5];
                    if (precision is < 2 or > 16 || width == 0 || height == 0 || nf is < 1 or > 4 || segment.Length < 6 + (3 * nf))
                    {
                        throw Bad(file, segmentStart, $"SOF3 declares precision {precision}, {width}x{height}, {nf} components; expected 2–16 bits, non-zero size, 1–4 components.");
                    }

                    if (width != columns || height != rows || nf != samplesPerPixel)
                    {
                        throw Bad(file, segmentStart, $"frame is {width}x{height}x{nf}; the dataset says {columns}x{rows}x{samplesPerPixel}.");
                    }

                    componentIds = new int[nf];
                    for (int c = 0; c < nf; c++)
                    {
                        componentIds[c] = segment[6 + (3 * c)];
                        if (segment[7 + (3 * c)] != 0x11)
                        {
                            throw Bad(file, segmentStart, $"component {c} has sampling factors 0x{segment[7 + (3 * c)]:X2}; only 1x1 is supported for lossless.");
                        }
                    }

                    break;
                case 0xC4:
                    JpegMarkers.ReadHuffmanTables(segment, tables, dcOnly: true, file, segmentStart);
                    break;
                case 0xDD:
                    restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw Bad(file, segmentStart, "DRI segment is too short.");
                    break;
                case 0xDA:
                    if (precision == 0)
                    {
                        throw Bad(file, segmentStart, "SOS before SOF3: not a lossless (process 14) JPEG stream.");
                    }

                    return DecodeScan(data, pos, segment, tables, componentIds, precision, width, height, restartInterval, bitsAllocated, file, segmentStart);
                case 0xC0 or 0xC1 or 0xC2 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    throw Bad(file, segmentStart, $"SOF marker FF{marker:X2} is not lossless process 14 (SOF3).");
                default:
                    break;
            }
        }
    }

    private static DecodedFrame DecodeScan(ReadOnlySpan<byte> data, int pos, ReadOnlySpan<byte> sos, JpegHuffmanTable?[] tables, int[] ids,
        int precision, int width, int height, int restartInterval, int bitsAllocated, string file, int sosStart)
    {
        int ns = sos.Length > 0 ? sos[0] : 0;
        if (ns != ids.Length || sos.Length < 1 + (2 * ns) + 3)
        {
            throw Bad(file, sosStart, $"SOS has {ns} components; the frame has {ids.Length} (non-interleaved multi-scan lossless is not supported).");
        }

        var compTables = new JpegHuffmanTable[ns];
        for (int c = 0; c < ns; c++)
        {
            int td = sos[2 + (2 * c)] >> 4;
            compTables[c] = (td < 4 ? tables[td] : null) ?? throw Bad(file, sosStart, $"scan component {c} uses Huffman table {td}, which was not defined.");
        }

        int predictor = sos[1 + (2 * ns)];
        int pt = sos[3 + (2 * ns)] & 0x0F;
        if (predictor is < 1 or > 7 || pt >= precision)
        {
            throw Bad(file, sosStart, $"scan has predictor {predictor} and point transform {pt}; expected 1–7 and less than precision {precision}.");
        }

        if ((long)width * height * ns > ((long)data.Length - pos) * 8)
        {
            // Every sample costs at least one Huffman bit.
            throw Bad(file, sosStart, $"{data.Length - pos} bytes of entropy-coded data cannot hold {width}x{height}x{ns} samples.");
        }

        int outBits = bitsAllocated > 8 || precision > 8 ? 16 : 8;
        var output = new byte[width * height * ns * (outBits / 8)];
        var cur = new int[width * ns];
        var prev = new int[width * ns];
        var reader = new JpegBitReader(data, pos);
        int mask = (1 << 16) - 1;
        int initial = 1 << (precision - pt - 1);
        int mcu = 0;
        bool firstRowOfInterval = true;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool firstOfInterval = false;
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
                {
                    reader.Restart();
                    firstOfInterval = true;
                    firstRowOfInterval = true;
                }

                firstOfInterval |= mcu == 0;
                mcu++;
                for (int c = 0; c < ns; c++)
                {
                    int ssss = compTables[c].Decode(ref reader);
                    if (ssss is < 0 or > 16)
                    {
                        throw Bad(file, reader.Position, $"corrupt Huffman code at row {y}, column {x}.");
                    }

                    int diff = ssss switch
                    {
                        0 => 0,
                        16 => 32768,
                        _ => Extend(reader.Receive(ssss), ssss),
                    };
                    int i = (x * ns) + c;
                    int pred;
                    if (firstOfInterval)
                    {
                        pred = initial;
                    }
                    else if (firstRowOfInterval)
                    {
                        pred = x == 0 ? prev[i] : cur[i - ns]; // T.81 H.1.2.1: first line uses Ra, a line start uses Rb
                    }
                    else if (x == 0)
                    {
                        pred = prev[i];
                    }
                    else
                    {
                        int ra = cur[i - ns], rb = prev[i], rc = prev[i - ns];
                        pred = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    cur[i] = (pred + diff) & mask;
                }
            }

            firstRowOfInterval = false;

            for (int i = 0; i < cur.Length; i++)
            {
                int v = cur[i] << pt;
                int o = (y * width * ns) + i;
                if (outBits == 8)
                {
                    output[o] = (byte)v;
                }
                else
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(o * 2), (ushort)v);
                }
            }

            (cur, prev) = (prev, cur);
        }

        if (reader.Overrun > 4)
        {
            throw Bad(file, reader.Position, "entropy-coded data ends before the last sample; the stream is truncated.");
        }

        return new DecodedFrame(output, outBits, Planar: false);
    }

    private static int Extend(int v, int t) => v < (1 << (t - 1)) ? v - (1 << t) + 1 : v;

    private static DicomFormatException Bad(string file, long offset, string problem) => new(file, offset, DicomTag.PixelData, $"JPEG lossless: {problem}");
}
