using MLSeg.Core.Randomness;

namespace MLSeg.Transforms.Augmentation;

/// <summary>
/// A smooth random displacement field (Simard et al. 2003): uniform noise in [−1, 1] per pixel and axis, Gaussian-
/// smoothed with σ (separable, truncated at 3σ, edge-replicated), normalised to unit max magnitude, scaled by α pixels.
/// </summary>
public static class ElasticField
{
    /// <summary>Displacements (dx, dy) in pixels for every pixel, row-major.</summary>
    public static (float[] Dx, float[] Dy) Create(int height, int width, double alphaPx, double sigmaPx, SeedSource seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (!(sigmaPx > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaPx), $"Elastic σ must be > 0 px; got {sigmaPx}.");
        }

        var rng = seed.CreateRandom();
        float[] dx = Smooth(Noise(height * width, rng), height, width, sigmaPx);
        float[] dy = Smooth(Noise(height * width, rng), height, width, sigmaPx);
        double maxMag = 0;
        for (int i = 0; i < dx.Length; i++)
        {
            maxMag = Math.Max(maxMag, Math.Sqrt((dx[i] * dx[i]) + (dy[i] * dy[i])));
        }

        float k = maxMag > 0 ? (float)(alphaPx / maxMag) : 0;
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] *= k;
            dy[i] *= k;
        }

        return (dx, dy);
    }

    private static float[] Noise(int n, Random rng)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return a;
    }

    private static float[] Smooth(float[] a, int h, int w, double sigma)
    {
        int r = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new float[(2 * r) + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++)
        {
            sum += kernel[i + r] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
        }

        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= (float)sum;
        }

        var tmp = new float[a.Length];
        var result = new float[a.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int k = -r; k <= r; k++)
                {
                    s += kernel[k + r] * a[(y * w) + Math.Clamp(x + k, 0, w - 1)];
                }

                tmp[(y * w) + x] = s;
            }
        }

        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float s = 0;
                for (int k = -r; k <= r; k++)
                {
                    s += kernel[k + r] * tmp[(Math.Clamp(y + k, 0, h - 1) * w) + x];
                }

                result[(y * w) + x] = s;
            }
        }

        return result;
    }
}
