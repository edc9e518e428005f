using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;

namespace MLSeg.Transforms.Augmentation;

/// <summary>
/// Seeded 2-D augmentation kernels: flips, rotation, scale and elastic deformation (bilinear for images, nearest for
/// labels, so no new label values appear; outside the source: image 0, label 0), and intensity gain/bias/gamma/noise.
/// Same seed ⇒ identical output on every platform (draws come from <see cref="SeedSource.CreateRandom"/>).
/// </summary>
public static class Augmenter
{
    /// <summary>Draws one augmentation from <paramref name="options"/> with <paramref name="seed"/>.</summary>
    public static AugmentationDraw Sample(SeedSource seed, AugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = seed.Derive("augment").CreateRandom();
        double U(double a, double b) => a + (rng.NextDouble() * (b - a));
        return new AugmentationDraw
        {
            FlipX = rng.NextDouble() < options.FlipXProbability,
            FlipY = rng.NextDouble() < options.FlipYProbability,
            RotationDegrees = U(-options.MaxRotationDegrees, options.MaxRotationDegrees),
            Scale = U(1 - options.ScaleRange, 1 + options.ScaleRange),
            ElasticAlphaPx = options.ElasticAlphaPx,
            ElasticSigmaPx = options.ElasticSigmaPx,
            ElasticSeed = seed.Derive("elastic"),
            Gain = U(1 - options.GainRange, 1 + options.GainRange),
            Bias = U(-options.BiasRange, options.BiasRange),
            Gamma = U(1 - options.GammaRange, 1 + options.GammaRange),
            NoiseStd = options.NoiseStd,
            NoiseSeed = seed.Derive("noise"),
        };
    }

    /// <summary>Applies the geometric then the intensity parts of <paramref name="draw"/> to an image.</summary>
    public static Image2D ApplyToImage(Image2D image, AugmentationDraw draw)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(draw);
        var result = image.Clone();
        if (draw.IsGeometric)
        {
            var (sx, sy) = SourceCoordinates(image.Height, image.Width, draw);
            for (int c = 0; c < image.Channels; c++)
            {
                Warp.Bilinear(image.Channel(c), result.Channel(c), image.Height, image.Width, sx, sy);
            }
        }

        ApplyIntensity(result.Data, draw);
        return result;
    }

    /// <summary>Applies the geometric parts of <paramref name="draw"/> to labels (nearest neighbour).</summary>
    public static LabelMap ApplyToLabels(LabelMap labels, AugmentationDraw draw)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(draw);
        if (!draw.IsGeometric)
        {
            return labels.Clone();
        }

        var (sx, sy) = SourceCoordinates(labels.Height, labels.Width, draw);
        var result = new LabelMap(labels.Height, labels.Width, spacing: labels.SpacingMm);
        Warp.Nearest(labels.Labels, result.Labels, labels.Height, labels.Width, sx, sy);
        return result;
    }

    /// <summary>Gain, bias, gamma (over the buffer's min–max range) and Gaussian noise, in place.</summary>
    public static void ApplyIntensity(Span<float> values, AugmentationDraw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (draw.Gamma != 1 && values.Length > 0)
        {
            float min = System.Numerics.Tensors.TensorPrimitives.Min<float>(values);
            float max = System.Numerics.Tensors.TensorPrimitives.Max<float>(values);
            float range = max - min;
            if (range > 0)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = min + (range * (float)Math.Pow((values[i] - min) / range, draw.Gamma));
                }
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((values[i] * draw.Gain) + draw.Bias);
        }

        if (draw.NoiseStd > 0)
        {
            var rng = draw.NoiseSeed.CreateRandom();
            for (int i = 0; i < values.Length; i++)
            {
                // Box–Muller: one standard normal per two uniforms (1 − u keeps the log argument in (0, 1]).
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                values[i] += (float)(draw.NoiseStd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
        }
    }

    /// <summary>For every output pixel (row-major), the source x and y it samples.</summary>
    public static (float[] X, float[] Y) SourceCoordinates(int height, int width, AugmentationDraw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (!(draw.Scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(draw), $"Scale must be > 0; got {draw.Scale}.");
        }

        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double angle = draw.RotationDegrees * Math.PI / 180;
        double cos = Math.Cos(angle) / draw.Scale, sin = Math.Sin(angle) / draw.Scale;
        var (dx, dy) = draw.ElasticAlphaPx > 0
            ? ElasticField.Create(height, width, draw.ElasticAlphaPx, draw.ElasticSigmaPx, draw.ElasticSeed)
            : (null, null);
        var xs = new float[height * width];
        var ys = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width) + x;
                double ox = (draw.FlipX ? width - 1 - x : x) - cx;
                double oy = (draw.FlipY ? height - 1 - y : y) - cy;
                double srcX = (cos * ox) + (sin * oy) + cx;
                double srcY = (-sin * ox) + (cos * oy) + cy;
                xs[i] = (float)(srcX + (dx?[i] ?? 0));
                ys[i] = (float)(srcY + (dy?[i] ?? 0));
            }
        }

        return (xs, ys);
    }
}
