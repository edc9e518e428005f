using MLSeg.Core.Errors;

namespace MLSeg.ImageIO.Png;

/// <summary>Reverses PNG scanline filters (PNG spec §9) and Adam7 interlacing (§8.2) into samples.</summary>
internal static class PngPixels
{
    // Adam7 passes: x start, y start, x step, y step.
    private static readonly int[][] Passes =
    [
        [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
    ];

    /// <summary>Bytes of filtered data (filter bytes included) the image needs.</summary>
    public static long ExpectedBytes(int width, int height, int bitsPerPixel, bool interlaced)
    {
        if (!interlaced)
        {
            return height * (1 + RowBytes(width, bitsPerPixel));
        }

        long total = 0;
        foreach (int[] p in Passes)
        {
            long w = PassSize(width, p[0], p[2]);
            long h = PassSize(height, p[1], p[3]);
            if (w > 0 && h > 0)
            {
                total += h * (1 + RowBytes(w, bitsPerPixel));
            }
        }

        return total;
    }

    /// <summary>Unfilters <paramref name="data"/> in place and scatters its samples into <paramref name="samples"/> (Y, X, S).</summary>
    public static void Decode(string file, byte[] data, int width, int height, int bitDepth, int channels, bool interlaced, ushort[] samples)
    {
        int bitsPerPixel = bitDepth * channels;
        if (!interlaced)
        {
            Unfilter(file, data, 0, width, height, bitsPerPixel);
            Scatter(data, 0, width, height, bitDepth, channels, samples, width, 0, 0, 1, 1);
            return;
        }

        int offset = 0;
        foreach (int[] p in Passes)
        {
            int w = PassSize(width, p[0], p[2]);
            int h = PassSize(height, p[1], p[3]);
            if (w == 0 || h == 0)
            {
                continue;
            }

            Unfilter(file, data, offset, w, h, bitsPerPixel);
            Scatter(data, offset, w, h, bitDepth, channels, samples, width, p[0], p[1], p[2], p[3]);
            offset += h * (1 + (int)RowBytes(w, bitsPerPixel));
        }
    }

    private static int PassSize(int size, int start, int step) => size <= start ? 0 : ((size - start + step - 1) / step);

    private static long RowBytes(long width, int bitsPerPixel) => ((width * bitsPerPixel) + 7) / 8;

    private static void Unfilter(string file, byte[] data, int offset, int width, int height, int bitsPerPixel)
    {
        int stride = (int)RowBytes(width, bitsPerPixel);
        int bpp = Math.Max(1, bitsPerPixel / 8);
        for (int y = 0; y < height; y++)
        {
            int rowStart = offset + (y * (stride + 1));
            byte filter = data[rowStart];
            var row = data.AsSpan(rowStart + 1, stride);
            ReadOnlySpan<byte> prior = y == 0 ? default : data.AsSpan(rowStart - stride, stride);
            switch (filter)
            {
                case 0:
                    break;
                case 1:
                    for (int i = bpp; i < stride; i++)
                    {
                        row[i] += row[i - bpp];
                    }

                    break;
                case 2:
                    if (!prior.IsEmpty)
                    {
                        for (int i = 0; i < stride; i++)
                        {
                            row[i] += prior[i];
                        }
                    }

                    break;
                case 3:
                    for (int i = 0; i < stride; i++)
                    {
                        int left = i >= bpp ? row[i - bpp] : 0;
                        int up = prior.IsEmpty ? 0 : prior[i];
                        row[i] += (byte)((left + up) >> 1);
                    }

                    break;
                case 4:
                    for (int i = 0; i < stride; i++)
                    {
                        int left = i >= bpp ? row[i - bpp] : 0;
                        int up = prior.IsEmpty ? 0 : prior[i];
                        int upLeft = i >= bpp && !prior.IsEmpty ? prior[i - bpp] : 0;
                        row[i] += Paeth(left, up, upLeft);
                    }

                    break;
                default:
                    throw new ImageFormatException(file, -1, $"scanline {y} has filter type {filter}; PNG defines 0..4 (None, Sub, Up, Average, Paeth).");
            }
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }

    private static void Scatter(byte[] data, int offset, int width, int height, int bitDepth, int channels, ushort[] samples,
        int fullWidth, int x0, int y0, int dx, int dy)
    {
        int stride = (int)RowBytes(width, bitDepth * channels);
        int mask = (1 << bitDepth) - 1;
        for (int y = 0; y < height; y++)
        {
            var row = data.AsSpan(offset + (y * (stride + 1)) + 1, stride);
            int outRow = ((y0 + (y * dy)) * fullWidth) + x0;
            for (int x = 0; x < width; x++)
            {
                int dst = (outRow + (x * dx)) * channels;
                for (int c = 0; c < channels; c++)
                {
                    int index = (x * channels) + c;
                    samples[dst + c] = bitDepth switch
                    {
                        16 => (ushort)((row[index * 2] << 8) | row[(index * 2) + 1]),
                        8 => row[index],
                        _ => (ushort)((row[index * bitDepth / 8] >> (8 - bitDepth - (index * bitDepth % 8))) & mask),
                    };
                }
            }
        }
    }
}
