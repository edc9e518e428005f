using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>Frame state, scan decoding and the inverse DCT (ITU T.81 A.3.3, F.2.2).</summary>
internal static partial class JpegDctDecoder
{
    /// <summary>Natural (row-major) position of the k-th coefficient in zig-zag order (T.81 Figure A.6).</summary>
    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>IDCT basis: Cos[x * 8 + u] = C(u)/2 · cos((2x+1)uπ/16), C(0) = 1/√2 (T.81 A.3.3).</summary>
    private static readonly double[] Cos = BuildCos();

    private static double[] BuildCos()
    {
        var c = new double[64];
        for (int x = 0; x < 8; x++)
        {
            for (int u = 0; u < 8; u++)
            {
                c[(x * 8) + u] = (u == 0 ? Math.Sqrt(0.5) : 1.0) / 2.0 * Math.Cos(((2 * x) + 1) * u * Math.PI / 16.0);
            }
        }

        return c;
    }

    private sealed class Frame
    {
        private Frame(int precision, int width, int height, Component[] components)
        {
            Precision = precision;
            Width = width;
            Height = height;
            Components = components;
            HMax = components.Max(c => c.H);
            VMax = components.Max(c => c.V);
            McusX = (width + (8 * HMax) - 1) / (8 * HMax);
            McusY = (height + (8 * VMax) - 1) / (8 * VMax);
            foreach (Component c in components)
            {
                c.BlocksX = McusX * c.H;
                c.BlocksY = McusY * c.V;
                c.Samples = new int[c.BlocksX * 8 * c.BlocksY * 8];
            }
        }

        public int Precision { get; }
        public int Width { get; }
        public int Height { get; }
        public Component[] Components { get; }
        public int HMax { get; }
        public int VMax { get; }
        public int McusX { get; }
        public int McusY { get; }

        public static Frame Parse(ReadOnlySpan<byte> seg, string file, int start)
        {
            if (seg.Length < 6)
            {
                throw Bad(file, start, "SOF segment is too short.");
            }

            int precision = seg[0], height = BinaryPrimitives.ReadUInt16BigEndian(seg[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(seg[3..]), nf = seg[5];
            if (precision is not (8 or 12) || width == 0 || height == 0 || nf is < 1 or > 4 || seg.Length < 6 + (3 * nf))
            {
                throw Bad(file, start, $"SOF declares precision {precision}, {width}x{height}, {nf} components; expected 8 or 12 bits, non-zero size, 1–4 components.");
            }

            var comps = new Component[nf];
            for (int i = 0; i < nf; i++)
            {
                int h = seg[7 + (3 * i)] >> 4, v = seg[7 + (3 * i)] & 15;
                if (h is < 1 or > 4 || v is < 1 or > 4 || seg[8 + (3 * i)] > 3)
                {
                    throw Bad(file, start, $"component {i} has sampling {h}x{v} or quantisation table {seg[8 + (3 * i)]} out of range.");
                }

                comps[i] = new Component { Id = seg[6 + (3 * i)], H = h, V = v, Tq = seg[8 + (3 * i)] };
            }

            return new Frame(precision, width, height, comps);
        }

        public int DecodeScan(ReadOnlySpan<byte> data, int pos, ReadOnlySpan<byte> sos, int[][] quant, JpegHuffmanTable?[] dcTables,
            JpegHuffmanTable?[] acTables, int restartInterval, string file, int start)
        {
            int ns = sos.Length > 0 ? sos[0] : 0;
            if (ns is < 1 or > 4 || sos.Length < 1 + (2 * ns) + 3)
            {
                throw Bad(file, start, $"SOS declares {ns} components.");
            }

            var scan = new Component[ns];
            for (int i = 0; i < ns; i++)
            {
                int id = sos[1 + (2 * i)];
                Component c = Array.Find(Components, x => x.Id == id) ?? throw Bad(file, start, $"scan names component id {id}, which the frame lacks.");
                if (sos[2 + (2 * i)] >> 4 > 3 || (sos[2 + (2 * i)] & 15) > 3)
                {
                    throw Bad(file, start, $"component {id} names Huffman tables 0x{sos[2 + (2 * i)]:X2}; ids 0–3 are allowed.");
                }

                c.Dc = dcTables[sos[2 + (2 * i)] >> 4] ?? throw Bad(file, start, $"component {id} uses an undefined DC table.");
                c.Ac = acTables[sos[2 + (2 * i)] & 15] ?? throw Bad(file, start, $"component {id} uses an undefined AC table.");
                c.Quant = quant[c.Tq] ?? throw Bad(file, start, $"component {id} uses undefined quantisation table {c.Tq}.");
                c.Pred = 0;
                scan[i] = c;
            }

            if (sos[1 + (2 * ns)] != 0 || sos[2 + (2 * ns)] != 63 || sos[3 + (2 * ns)] != 0)
            {
                throw Bad(file, start, "scan spectral selection/approximation is not 0..63, 0 (sequential).");
            }

            var reader = new JpegBitReader(data, pos);
            var coef = new double[64];
            int mcusX = ns == 1 ? (int)Math.Ceiling(Math.Ceiling(Width * scan[0].H / (double)HMax) / 8) : McusX;
            int mcusY = ns == 1 ? (int)Math.Ceiling(Math.Ceiling(Height * scan[0].V / (double)VMax) / 8) : McusY;
            int total = mcusX * mcusY;
            for (int m = 0; m < total; m++)
            {
                if (restartInterval > 0 && m > 0 && m % restartInterval == 0)
                {
                    reader.Restart();
                    foreach (Component c in scan)
                    {
                        c.Pred = 0;
                    }
                }

                int mx = m % mcusX, my = m / mcusX;
                foreach (Component c in scan)
                {
                    int bh = ns == 1 ? 1 : c.H, bv = ns == 1 ? 1 : c.V;
                    for (int by = 0; by < bv; by++)
                    {
                        for (int bx = 0; bx < bh; bx++)
                        {
                            DecodeBlock(ref reader, c, coef, file);
                            InverseDct(coef, c, ((my * bv) + by) * 8, ((mx * bh) + bx) * 8);
                        }
                    }
                }
            }

            if (reader.Overrun > 8)
            {
                throw Bad(file, reader.Position, "entropy-coded data ends before the last block; the stream is truncated.");
            }

            return reader.Position;
        }

        private static void DecodeBlock(ref JpegBitReader reader, Component c, Span<double> coef, string file)
        {
            coef.Clear();
            int t = c.Dc!.Decode(ref reader);
            if (t is < 0 or > 16)
            {
                throw Bad(file, reader.Position, "corrupt DC Huffman code.");
            }

            c.Pred += Extend(reader.Receive(t), t);
            coef[0] = c.Pred * c.Quant![0];
            for (int k = 1; k < 64;)
            {
                int rs = c.Ac!.Decode(ref reader);
                if (rs < 0)
                {
                    throw Bad(file, reader.Position, "corrupt AC Huffman code.");
                }

                int r = rs >> 4, s = rs & 15;
                if (s == 0)
                {
                    if (r != 15)
                    {
                        break;
                    }

                    k += 16;
                    continue;
                }

                k += r;
                if (k > 63)
                {
                    throw Bad(file, reader.Position, "AC run passes the end of the block.");
                }

                coef[ZigZag[k]] = Extend(reader.Receive(s), s) * c.Quant[k];
                k++;
            }
        }

        private void InverseDct(Span<double> coef, Component c, int y0, int x0)
        {
            Span<double> tmp = stackalloc double[64];
            for (int v = 0; v < 8; v++)
            {
                for (int x = 0; x < 8; x++)
                {
                    double sum = 0;
                    for (int u = 0; u < 8; u++)
                    {
                        sum += Cos[(x * 8) + u] * coef[(v * 8) + u];
                    }

                    tmp[(v * 8) + x] = sum;
                }
            }

            int stride = c.BlocksX * 8, shift = 1 << (Precision - 1), max = (1 << Precision) - 1;
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    double sum = 0;
                    for (int v = 0; v < 8; v++)
                    {
                        sum += Cos[(y * 8) + v] * tmp[(v * 8) + x];
                    }

                    c.Samples![((y0 + y) * stride) + x0 + x] = Math.Clamp((int)Math.Round(sum + shift, MidpointRounding.AwayFromZero), 0, max);
                }
            }
        }

        public DecodedFrame Output(string file)
        {
            int n = Components.Length, bytes = Precision > 8 ? 2 : 1;
            var output = new byte[Width * Height * n * bytes];
            for (int ci = 0; ci < n; ci++)
            {
                Component c = Components[ci];
                if (c.Samples is null)
                {
                    throw Bad(file, -1, $"component {c.Id} never appeared in a scan.");
                }

                int stride = c.BlocksX * 8;
                for (int y = 0; y < Height; y++)
                {
                    int sy = y * c.V / VMax;
                    for (int x = 0; x < Width; x++)
                    {
                        int v = c.Samples[(sy * stride) + (x * c.H / HMax)];
                        int o = (((y * Width) + x) * n) + ci;
                        if (bytes == 1)
                        {
                            output[o] = (byte)v;
                        }
                        else
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(2 * o), (ushort)v);
                        }
                    }
                }
            }

            return new DecodedFrame(output, bytes * 8, Planar: false);
        }
    }

    private sealed class Component
    {
        public int Id { get; init; }
        public int H { get; init; }
        public int V { get; init; }
        public int Tq { get; init; }
        public int BlocksX { get; set; }
        public int BlocksY { get; set; }
        public int[]? Samples { get; set; }
        public int[]? Quant { get; set; }
        public JpegHuffmanTable? Dc { get; set; }
        public JpegHuffmanTable? Ac { get; set; }
        public int Pred { get; set; }
    }
}
