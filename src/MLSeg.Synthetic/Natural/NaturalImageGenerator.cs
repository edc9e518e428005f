using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Natural;

/// <summary>
/// Procedural RGB images as natural-image proxies for pretraining. Each image has one dominant object (radius
/// 0.26–0.38 of the image) whose shape (circle, polygon, star) and fill texture (noise octaves, stripes, checker)
/// define its class, plus up to two small distractor objects with flat fills and background clutter.
/// Image i has class i mod 9, so classes are balanced to within one image.
/// </summary>
public sealed class NaturalImageGenerator
{
    /// <summary>Shape kinds; mask value = index + 1.</summary>
    public static readonly IReadOnlyList<string> Shapes = ["circle", "polygon", "star"];

    /// <summary>Texture families.</summary>
    public static readonly IReadOnlyList<string> Textures = ["noise", "stripes", "checker"];

    private readonly NaturalImageOptions _options;

    /// <summary>Creates a generator with <paramref name="options"/> (validated here).</summary>
    public NaturalImageGenerator(NaturalImageOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>Number of classes (shapes × textures).</summary>
    public static int ClassCount => Shapes.Count * Textures.Count;

    /// <summary>Class name of class <paramref name="classIndex"/>, e.g. <c>circle-noise</c>.</summary>
    public static string ClassName(int classIndex) => Shapes[classIndex / Textures.Count] + "-" + Textures[classIndex % Textures.Count];

    /// <summary>Generates image <paramref name="index"/> under <paramref name="root"/> (seed <c>root.Derive("natural").Derive(index)</c>).</summary>
    public NaturalSample Generate(SeedSource root, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        SeedSource seed = root.Derive("natural").Derive(index);
        Random rng = seed.CreateRandom();
        int n = _options.SizePx;
        int cls = index % _options.Classes * ClassCount / _options.Classes;
        var image = new Image2D(3, n, n);
        var mask = new LabelMap(n, n);
        var noise = new SmoothField(seed.Derive("background").Value, 6);
        Span<float> c0 = stackalloc float[3];
        Span<float> c1 = stackalloc float[3];
        RandomColour(rng, c0);
        RandomColour(rng, c1);
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                float t = Math.Clamp((float)((x + y) / (2.0 * n)) + (0.25f * noise.Sample((x + 0.5) / n, (y + 0.5) / n)), 0f, 1f);
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] = c0[c] + ((c1[c] - c0[c]) * t);
                }
            }
        }

        for (int k = rng.Next(3, 8); k > 0; k--)
        {
            var clutter = ShapeSpec.Random(rng, rng.Next(3), n, 0.02, 0.05);
            RandomColour(rng, c0);
            Paint(image, null, clutter, 0, c0, c0, 0, rng);
        }

        var dominant = ShapeSpec.Random(rng, cls / Textures.Count, n, 0.26, 0.38);
        RandomColour(rng, c0);
        RandomColour(rng, c1);
        Paint(image, mask, dominant, cls % Textures.Count, c0, c1, seed.Derive("texture").Value, rng);
        for (int k = rng.Next(0, 3); k > 0; k--)
        {
            var distractor = ShapeSpec.Random(rng, rng.Next(3), n, 0.08, 0.14);
            RandomColour(rng, c0);
            Paint(image, mask, distractor, -1, c0, c0, 0, rng);
        }

        Span<float> data = image.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Math.Clamp(MathF.Round(data[i]), 0f, 255f);
        }

        return new NaturalSample(index, cls, ClassName(cls), image, mask);
    }

    private static void RandomColour(Random rng, Span<float> colour)
    {
        for (int c = 0; c < 3; c++)
        {
            colour[c] = (float)(255 * rng.NextDouble());
        }
    }

    private static void Paint(Image2D image, LabelMap? mask, in ShapeSpec shape, int texture, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ulong textureSeed, Random rng)
    {
        int n = image.Width;
        double period = Math.Max(3, n * (0.05 + (0.06 * rng.NextDouble())));
        double angle = rng.NextDouble() * Math.PI;
        double ca = Math.Cos(angle);
        double sa = Math.Sin(angle);
        SmoothField? octave1 = texture == 0 ? new SmoothField(textureSeed, 4) : null;
        SmoothField? octave2 = texture == 0 ? new SmoothField(textureSeed ^ 0x5555, 12) : null;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                if (!shape.Contains(x + 0.5, y + 0.5))
                {
                    continue;
                }

                double u = ((x * ca) + (y * sa)) / period;
                double v = ((y * ca) - (x * sa)) / period;
                double t = texture switch
                {
                    0 => 0.5 + (0.35 * octave1!.Sample((x + 0.5) / n, (y + 0.5) / n)) + (0.2 * octave2!.Sample((x + 0.5) / n, (y + 0.5) / n)),
                    1 => Math.Sin(2 * Math.PI * u) > 0 ? 1 : 0,
                    2 => ((int)Math.Floor(u) + (int)Math.Floor(v)) % 2 == 0 ? 1 : 0,
                    _ => 0,
                };
                t = Math.Clamp(t, 0, 1);
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] = (float)(a[c] + ((b[c] - a[c]) * t));
                }

                if (mask is not null)
                {
                    mask[y, x] = (byte)(shape.Kind + 1);
                }
            }
        }
    }
}
