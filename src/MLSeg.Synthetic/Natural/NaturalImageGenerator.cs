using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Natural;

/// <summary>
/// Procedural RGB images as natural-image proxies for pretraining: a textured background, small clutter, one dominant
/// object (radius 0.26–0.38 of the image) whose shape (6 kinds) and fill texture (6 families) define its class, and
/// one to three further textured objects that may overlap it (occlusion), then defocus blur and sensor noise.
/// Segmentation masks label every object by shape family (1 round, 2 angular, 3 spiky), the topmost object winning
/// where objects overlap. Image i has class i mod <see cref="NaturalImageOptions.Classes"/> (spread over the 36),
/// so classes are balanced to within one image.
/// </summary>
public sealed class NaturalImageGenerator
{
    /// <summary>Shape kinds, in class order.</summary>
    public static readonly IReadOnlyList<string> Shapes = ShapeSpec.Names;

    /// <summary>Texture families, in class order.</summary>
    public static readonly IReadOnlyList<string> Textures = ["noise", "stripes", "checker", "dots", "rings", "shading"];

    /// <summary>The segmentation label set: shape families 1 round (circle, ellipse), 2 angular (polygon, rectangle), 3 spiky (star, cross).</summary>
    public const string SegmentationLabelSet = "1:round;2:angular;3:spiky";

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
        Span<float> c0 = stackalloc float[3];
        Span<float> c1 = stackalloc float[3];

        // Background: a low-contrast texture of its own under an illumination gradient.
        RandomColour(rng, c0);
        for (int c = 0; c < 3; c++)
        {
            c1[c] = Math.Clamp(c0[c] + (float)(90 * (rng.NextDouble() - 0.5)), 0, 255);
        }

        var everywhere = new Background(n);
        Paint(image, null, everywhere, rng.Next(Textures.Count), c0, c1, seed.Derive("background").Value, rng);
        var light = new SmoothField(seed.Derive("light").Value, 3);
        double slope = 0.5 * rng.NextDouble();
        double angle = rng.NextDouble() * 2 * Math.PI;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                float gain = (float)(1 + (slope * ((((x + 0.5) / n) - 0.5) * Math.Cos(angle) + ((((y + 0.5) / n) - 0.5) * Math.Sin(angle))))
                    + (0.15 * light.Sample((x + 0.5) / n, (y + 0.5) / n)));
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] *= gain;
                }
            }
        }

        for (int k = rng.Next(3, 8); k > 0; k--)
        {
            var clutter = ShapeSpec.Random(rng, rng.Next(Shapes.Count), n, 0.02, 0.06);
            RandomColour(rng, c0);
            RandomColour(rng, c1);
            Paint(image, null, clutter, rng.Next(Textures.Count), c0, c1, seed.Derive("clutter").Derive(k).Value, rng);
        }

        // Objects in depth order: the dominant one is drawn last or second to last, so at most one object covers part of it.
        int others = rng.Next(1, 4);
        int dominantSlot = rng.Next(others - 1, others + 1);
        for (int slot = 0; slot <= others; slot++)
        {
            bool dominant = slot == dominantSlot;
            var shape = dominant
                ? ShapeSpec.Random(rng, cls / Textures.Count, n, 0.26, 0.38)
                : ShapeSpec.Random(rng, rng.Next(Shapes.Count), n, 0.10, 0.20);
            RandomColour(rng, c0);
            RandomColour(rng, c1);
            int texture = dominant ? cls % Textures.Count : rng.Next(Textures.Count);
            Paint(image, mask, shape, texture, c0, c1, seed.Derive("object").Derive(slot).Value, rng);
        }

        // Camera: slight defocus and sensor noise.
        double blur = 0.8 * rng.NextDouble();
        double noiseSigma = 6 * rng.NextDouble();
        var noise = new FastRandom(seed.Derive("sensor").Value);
        for (int c = 0; c < 3; c++)
        {
            Span<float> plane = image.Data.AsSpan(c * n * n, n * n);
            if (blur >= 0.3)
            {
                GaussianBlur.Apply(plane, n, n, blur);
            }

            for (int i = 0; i < plane.Length; i++)
            {
                plane[i] = Math.Clamp(MathF.Round(plane[i] + (float)(noiseSigma * noise.NextGaussian())), 0f, 255f);
            }
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

    private static void Paint<TRegion>(Image2D image, LabelMap? mask, in TRegion region, int texture, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ulong textureSeed, Random rng)
        where TRegion : IRegion
    {
        int n = image.Width;
        double period = Math.Max(3, n * (0.05 + (0.06 * rng.NextDouble())));
        double angle = rng.NextDouble() * Math.PI;
        double ca = Math.Cos(angle);
        double sa = Math.Sin(angle);
        double ox = n * rng.NextDouble();
        double oy = n * rng.NextDouble();
        double dotRadius = 0.2 + (0.15 * rng.NextDouble());
        SmoothField? octave1 = texture == 0 ? new SmoothField(textureSeed, 4) : null;
        SmoothField? octave2 = texture == 0 ? new SmoothField(textureSeed ^ 0x5555, 12) : null;
        byte label = region.Label;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                if (!region.Contains(x + 0.5, y + 0.5))
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
                    3 => Math.Pow(u - Math.Round(u), 2) + Math.Pow(v - Math.Round(v), 2) < dotRadius * dotRadius ? 1 : 0,
                    4 => Math.Sin(2 * Math.PI * Math.Sqrt(((x - ox) * (x - ox)) + ((y - oy) * (y - oy))) / period) > 0 ? 1 : 0,
                    5 => 0.5 + (0.5 * Math.Sin(Math.PI * u / 4)),
                    _ => 0,
                };
                t = Math.Clamp(t, 0, 1);
                for (int c = 0; c < 3; c++)
                {
                    image[c, y, x] = (float)(a[c] + ((b[c] - a[c]) * t));
                }

                if (mask is not null)
                {
                    mask[y, x] = label;
                }
            }
        }
    }
}
