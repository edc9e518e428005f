using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Geometry;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Ct;

/// <summary>
/// Axial CT phantoms at the third lumbar vertebra with skeletal-muscle (and optionally fat) labels.
/// Each patient's seed is <c>root.Derive("l3-ct").Derive(index)</c>, so a patient does not depend on cohort size.
/// </summary>
public sealed class L3CtPhantom
{
    private const int StructureCount = (int)L3Structure.BowelGas + 1;
    private readonly L3CtOptions _options;

    /// <summary>Creates a phantom generator with <paramref name="options"/> (validated here).</summary>
    public L3CtPhantom(L3CtOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>The seed of patient <paramref name="index"/> under <paramref name="root"/>.</summary>
    public static SeedSource PatientSeed(SeedSource root, int index) => root.Derive("l3-ct").Derive(index);

    /// <summary>The synthetic PatientID of patient <paramref name="index"/> (0-based), e.g. <c>SYN-L3-0001</c>.</summary>
    public static string PatientId(int index) => FormattableString.Invariant($"SYN-L3-{index + 1:D4}");

    /// <summary>The label value of a structure: 1 muscle, 2 subcutaneous fat, 3 visceral fat, else 0.</summary>
    public static byte LabelOf(L3Structure s, bool includeFat) => s switch
    {
        >= L3Structure.RectusRight and <= L3Structure.ErectorLeft => 1,
        L3Structure.SubcutaneousFat when includeFat => 2,
        L3Structure.VisceralFat when includeFat => 3,
        _ => 0,
    };

    /// <summary>Generates patient <paramref name="index"/> of the cohort rooted at <paramref name="root"/>.</summary>
    public L3CtCase Generate(SeedSource root, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        SeedSource seed = PatientSeed(root, index);
        var anatomy = new L3Anatomy(seed.Derive("anatomy").CreateRandom());
        int n = _options.SizePx;
        double spacing = _options.FieldOfViewMm / n;
        var pixelSpacing = new PixelSpacing(spacing, spacing);

        var structures = new byte[n * n];
        Rasterise(anatomy, structures, n, spacing, null, null, 0);
        var truth = new LabelMap(n, n, ToLabels(structures, null), pixelSpacing);
        var image = new Image2D(1, n, n, RenderHu(anatomy.Traits, structures, n, spacing, seed), pixelSpacing);

        var observers = new LabelMap[_options.Observers];
        for (int k = 0; k < observers.Length; k++)
        {
            observers[k] = ObserverMask(anatomy, n, spacing, seed.Derive("observer").Derive(k), structures);
        }

        int muscle = truth.Count(1);
        double areaCm2 = muscle * pixelSpacing.PixelAreaMm2 / 100.0;
        return new L3CtCase(index, image, truth, observers, anatomy.Traits, areaCm2, SeriesInfo(seed, index, anatomy.Traits));
    }

    private static void Rasterise(L3Anatomy anatomy, byte[] destination, int n, double spacing, SmoothField? dx, SmoothField? dy, double amplitudeMm)
    {
        double half = n * spacing / 2;
        for (int y = 0; y < n; y++)
        {
            double ym = ((y + 0.5) * spacing) - half;
            double v = (y + 0.5) / n;
            Span<byte> row = destination.AsSpan(y * n, n);
            for (int x = 0; x < n; x++)
            {
                double xm = ((x + 0.5) * spacing) - half;
                if (dx is not null && dy is not null)
                {
                    double u = (x + 0.5) / n;
                    xm += amplitudeMm * dx.Sample(u, v);
                    ym = ((y + 0.5) * spacing) - half + (amplitudeMm * dy.Sample(u, v));
                }

                row[x] = (byte)anatomy.Classify(xm, ym);
            }
        }
    }

    private byte[] ToLabels(byte[] structures, L3Structure? omitted)
    {
        var lut = new byte[StructureCount];
        for (int s = 0; s < StructureCount; s++)
        {
            lut[s] = (L3Structure)s == omitted ? (byte)0 : LabelOf((L3Structure)s, _options.IncludeFatLabels);
        }

        var labels = new byte[structures.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = lut[structures[i]];
        }

        return labels;
    }

    private LabelMap ObserverMask(L3Anatomy anatomy, int n, double spacing, SeedSource seed, byte[] scratchTemplate)
    {
        // Smooth random displacement of where the observer's pen runs: cells of ~50 mm, so the boundary drifts in
        // and out over a few centimetres, as a hand-drawn contour does.
        int cells = Math.Max(2, (int)Math.Round(_options.FieldOfViewMm / 50));
        var dx = new SmoothField(seed.Derive("dx").Value, cells);
        var dy = new SmoothField(seed.Derive("dy").Value, cells);
        var structures = new byte[scratchTemplate.Length];
        Rasterise(anatomy, structures, n, spacing, dx, dy, _options.ObserverJitterMm);
        Random rng = seed.Derive("omission").CreateRandom();
        L3Structure? omitted = rng.NextDouble() < _options.ObserverOmissionProbability
            ? (rng.NextDouble() < 0.5 ? L3Structure.QuadratusRight : L3Structure.QuadratusLeft)
            : null;
        return new LabelMap(n, n, ToLabels(structures, omitted), new PixelSpacing(spacing, spacing));
    }

    private float[] RenderHu(L3PatientTraits traits, byte[] structures, int n, double spacing, SeedSource seed)
    {
        Random rng = seed.Derive("attenuation").CreateRandom();
        double fatHu = -100 + (12 * (rng.NextDouble() - 0.5)) + (4 * traits.AdiposityZ);
        Span<float> baseHu = stackalloc float[StructureCount];
        Span<float> textureHu = stackalloc float[StructureCount];
        baseHu[(int)L3Structure.Air] = -1000;
        baseHu[(int)L3Structure.Skin] = 25;
        baseHu[(int)L3Structure.SubcutaneousFat] = (float)fatHu;
        baseHu[(int)L3Structure.VisceralFat] = (float)(fatHu + 8);
        baseHu[(int)L3Structure.OtherFat] = (float)(fatHu + 5);
        baseHu[(int)L3Structure.Fascia] = 20;
        for (var s = L3Structure.RectusRight; s <= L3Structure.ErectorLeft; s++)
        {
            baseHu[(int)s] = (float)(traits.MuscleHuMean + (4 * (rng.NextDouble() - 0.5)));
            textureHu[(int)s] = 7;
        }

        baseHu[(int)L3Structure.IntramuscularFat] = -65;
        baseHu[(int)L3Structure.CorticalBone] = (float)(700 + (250 * rng.NextDouble()));
        baseHu[(int)L3Structure.CancellousBone] = (float)(150 + (130 * rng.NextDouble()));
        baseHu[(int)L3Structure.SpinalCanal] = 15;
        baseHu[(int)L3Structure.Liver] = (float)(50 + (15 * rng.NextDouble()));
        baseHu[(int)L3Structure.Kidney] = (float)(28 + (10 * rng.NextDouble()));
        baseHu[(int)L3Structure.Vessel] = (float)(35 + (10 * rng.NextDouble()));
        baseHu[(int)L3Structure.BowelWall] = 38;
        baseHu[(int)L3Structure.BowelContent] = (float)(5 + (25 * rng.NextDouble()));
        baseHu[(int)L3Structure.BowelGas] = -980;
        textureHu[(int)L3Structure.SubcutaneousFat] = 10;
        textureHu[(int)L3Structure.VisceralFat] = 12;
        textureHu[(int)L3Structure.OtherFat] = 10;
        textureHu[(int)L3Structure.CancellousBone] = 40;
        textureHu[(int)L3Structure.Liver] = 5;
        textureHu[(int)L3Structure.BowelContent] = 25;
        textureHu[(int)L3Structure.BowelGas] = 15;

        // Tissue texture: a smooth field with ~8 mm cells, scaled per structure.
        var texture = new SmoothField(seed.Derive("texture").Value, Math.Max(4, (int)(_options.FieldOfViewMm / 8)));
        var hu = new float[n * n];
        texture.Fill(hu, n, n, 1f);
        var grain = new FastRandom(seed.Derive("grain").Value);
        for (int i = 0; i < hu.Length; i++)
        {
            int s = structures[i];
            float t = hu[i] * textureHu[s];
            if (s == (int)L3Structure.CancellousBone)
            {
                t += (float)(30 * grain.NextGaussian()); // trabecular grain
            }

            hu[i] = baseHu[s] + t;
        }

        // Partial volume: in-plane point spread of ~0.6 mm, never less than half a pixel.
        GaussianBlur.Apply(hu, n, n, Math.Max(0.5, 0.6 / spacing));

        var noise = new FastRandom(seed.Derive("noise").Value);
        float sigma = (float)traits.NoiseSigmaHu;
        for (int i = 0; i < hu.Length; i++)
        {
            float v = hu[i] + (sigma * (float)noise.NextGaussian());
            hu[i] = Math.Clamp(MathF.Round(v), -1024f, 3071f);
        }

        return hu;
    }

    private CtSeriesInfo SeriesInfo(SeedSource seed, int index, L3PatientTraits traits)
    {
        string study = SyntheticUid.Derive(seed, "study");
        return new CtSeriesInfo(
            PatientId(index),
            FormattableString.Invariant($"Synthetic^Patient{index + 1:D4}"),
            traits.Sex,
            Math.Round(traits.HeightCm) / 100.0,
            study,
            SyntheticUid.Derive(seed, "series"),
            SyntheticUid.Derive(seed, "sop"),
            SyntheticUid.Derive(seed, "frame-of-reference"),
            _options.SliceThicknessMm,
            0.0,
            -1024,
            1,
            120,
            "Synthetic L3 axial CT");
    }
}
