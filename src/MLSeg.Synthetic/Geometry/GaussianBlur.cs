using System.Buffers;

namespace MLSeg.Synthetic.Geometry;

/// <summary>Separable Gaussian blur of a row-major plane, edges clamped; models the scanner's in-plane point spread.</summary>
internal static class GaussianBlur
{
    /// <summary>Blurs <paramref name="plane"/> in place with standard deviation <paramref name="sigmaPx"/> pixels.</summary>
    public static void Apply(Span<float> plane, int width, int height, double sigmaPx)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(plane.Length, width * height);
        if (sigmaPx <= 0)
        {
            return;
        }

        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigmaPx));
        Span<float> kernel = stackalloc float[(2 * radius) + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            double w = Math.Exp(-(i * i) / (2 * sigmaPx * sigmaPx));
            kernel[i + radius] = (float)w;
            sum += w;
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = (float)(kernel[i] / sum);
        }

        float[] temp = ArrayPool<float>.Shared.Rent(plane.Length);
        try
        {
            Span<float> t = temp.AsSpan(0, plane.Length);
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<float> src = plane.Slice(y * width, width);
                Span<float> dst = t.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++)
                    {
                        acc += kernel[k + radius] * src[Math.Clamp(x + k, 0, width - 1)];
                    }

                    dst[x] = acc;
                }
            }

            for (int y = 0; y < height; y++)
            {
                Span<float> dst = plane.Slice(y * width, width);
                dst.Clear();
                for (int k = -radius; k <= radius; k++)
                {
                    ReadOnlySpan<float> src = t.Slice(Math.Clamp(y + k, 0, height - 1) * width, width);
                    float w = kernel[k + radius];
                    for (int x = 0; x < width; x++)
                    {
                        dst[x] += w * src[x];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(temp);
        }
    }
}
