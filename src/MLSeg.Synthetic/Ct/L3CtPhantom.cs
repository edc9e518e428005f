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
    private const int StructureCount = L3Structures.Count;
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
    public L3CtCase Generate(SeedSource root, int index) => Generate(root, index, out _);

    /// <summary>As <see cref="Generate(SeedSource, int)"/>, also returning the truth's structure map (one <see cref="L3Structure"/> per pixel).</summary>
    internal L3CtCase Generate(SeedSource root, int index, out byte[] structures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        SeedSource seed = PatientSeed(root, index);
        var anatomy = new L3Anatomy(seed.Derive("anatomy").CreateRandom());
        L3Acquisition acquisition = DrawAcquisition(anatomy, seed.Derive("acquisition").CreateRandom());
        int n = _options.SizePx;
        double spacing = acquisition.FieldOfViewMm / n;
        var pixelSpacing = new PixelSpacing(spacing, spacing);

        structures = new byte[n * n];
        Rasterise(anatomy, structures, n, spacing, null, null, 0);
        var truth = new LabelMap(n, n, ToLabels(structures, null), pixelSpacing);
        var image = new Image2D(1, n, n, RenderHu(anatomy, acquisition, structures, n, spacing, seed), pixelSpacing);

        var observers = new LabelMap[_options.Observers];
        for (int k = 0; k < observers.Length; k++)
        {
            observers[k] = ObserverMask(anatomy, n, spacing, seed.Derive("observer").Derive(k));
        }

        int muscle = truth.Count(1);
        double areaCm2 = muscle * pixelSpacing.PixelAreaMm2 / 100.0;
        return new L3CtCase(index, image, truth, observers, anatomy.Traits, acquisition, areaCm2, SeriesInfo(seed, index, anatomy.Traits));
    }

    /// <summary>
    /// Field of view, contrast, kernel and noise. Noise grows with girth (fewer photons through a wider body) and
    /// with a sharper kernel; a few scans are reconstructed too narrow and cut the body's sides off.
    /// </summary>
    private L3Acquisition DrawAcquisition(L3Anatomy anatomy, Random rng)
    {
        double nominal = _options.FieldOfViewMm;
        bool truncated = rng.NextDouble() < 0.04;
        double fov = truncated
            ? 2 * anatomy.BodyHalfWidthMm * (0.72 + (0.16 * rng.NextDouble()))
            : Math.Max(nominal * (0.85 + (0.3 * rng.NextDouble())), Math.Min((2 * anatomy.LateralExtentMm) + 16, nominal * 1.25));
        double roll = rng.NextDouble();
        ContrastPhase phase = roll < 0.35 ? ContrastPhase.Unenhanced : roll < 0.5 ? ContrastPhase.Arterial : ContrastPhase.PortalVenous;
        bool oral = rng.NextDouble() < 0.25;
        roll = rng.NextDouble();
        ReconstructionKernel kernel = roll < 0.3 ? ReconstructionKernel.Soft : roll < 0.8 ? ReconstructionKernel.Standard : ReconstructionKernel.Sharp;
        double kernelNoise = kernel switch { ReconstructionKernel.Soft => 0.7, ReconstructionKernel.Standard => 1.0, _ => 1.7 };
        double sigma = Math.Clamp((8 + (12 * rng.NextDouble())) * (1 + (0.2 * anatomy.Traits.AdiposityZ)) * kernelNoise, 7, 50);
        double offset = 12 * (rng.NextDouble() - 0.5);
        return new L3Acquisition(fov, truncated, phase, oral, kernel, sigma, offset);
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

    private LabelMap ObserverMask(L3Anatomy anatomy, int n, double spacing, SeedSource seed)
    {
        // Smooth random displacement of where the observer's pen runs: cells of ~50 mm, so the boundary drifts in
        // and out over a few centimetres, as a hand-drawn contour does.
        int cells = Math.Max(2, (int)Math.Round(n * spacing / 50));
        var dx = new SmoothField(seed.Derive("dx").Value, cells);
        var dy = new SmoothField(seed.Derive("dy").Value, cells);
        var structures = new byte[n * n];
        Rasterise(anatomy, structures, n, spacing, dx, dy, _options.ObserverJitterMm);
        Random rng = seed.Derive("omission").CreateRandom();
        L3Structure? omitted = rng.NextDouble() < _options.ObserverOmissionProbability
            ? (rng.NextDouble() < 0.5 ? L3Structure.QuadratusRight : L3Structure.QuadratusLeft)
            : null;
        return new LabelMap(n, n, ToLabels(structures, omitted), new PixelSpacing(spacing, spacing));
    }

    private static float[] RenderHu(L3Anatomy anatomy, L3Acquisition acq, byte[] structures, int n, double spacing, SeedSource seed)
    {
        L3PatientTraits traits = anatomy.Traits;
        Random rng = seed.Derive("attenuation").CreateRandom();
        double fatHu = -100 + (16 * (rng.NextDouble() - 0.5)) + (4 * traits.AdiposityZ) + (traits.HasMyosteatosis ? 6 : 0);
        Span<float> baseHu = stackalloc float[StructureCount];
        Span<float> textureHu = stackalloc float[StructureCount];
        baseHu[(int)L3Structure.Air] = -1000;
        baseHu[(int)L3Structure.Skin] = 25;
        baseHu[(int)L3Structure.SubcutaneousFat] = (float)fatHu;
        baseHu[(int)L3Structure.VisceralFat] = (float)(fatHu + 8);
        baseHu[(int)L3Structure.OtherFat] = (float)(fatHu + 5);
        baseHu[(int)L3Structure.ArmFat] = (float)fatHu;
        baseHu[(int)L3Structure.Fascia] = 20;

        // Contrast: muscle enhances a little, organs, bowel wall and vessels a lot, and by phase.
        (double muscleGain, double liver, double kidney, double aorta, double ivc, double wall) = acq.Phase switch
        {
            ContrastPhase.Arterial => (6.0, Uniform(rng, 60, 80), Uniform(rng, 120, 200), Uniform(rng, 220, 380), Uniform(rng, 50, 90), Uniform(rng, 60, 100)),
            ContrastPhase.PortalVenous => (10.0, Uniform(rng, 95, 130), Uniform(rng, 140, 210), Uniform(rng, 130, 190), Uniform(rng, 110, 170), Uniform(rng, 70, 110)),
            _ => (0.0, Uniform(rng, 48, 65), Uniform(rng, 26, 38), Uniform(rng, 35, 48), Uniform(rng, 32, 45), Uniform(rng, 32, 45)),
        };
        for (var s = L3Structure.RectusRight; s <= L3Structure.ErectorLeft; s++)
        {
            // Muscles differ: the psoas usually keeps more attenuation than the paraspinal muscles in myosteatosis.
            double own = s is L3Structure.ErectorLeft or L3Structure.ErectorRight && traits.HasMyosteatosis ? -6 : 0;
            baseHu[(int)s] = (float)(traits.MuscleHuMean + muscleGain + own + (10 * (rng.NextDouble() - 0.5)));
            textureHu[(int)s] = traits.HasMyosteatosis ? 12 : 7;
        }

        baseHu[(int)L3Structure.ArmMuscle] = (float)(traits.MuscleHuMean + muscleGain + (8 * rng.NextDouble()));
        textureHu[(int)L3Structure.ArmMuscle] = 7;
        baseHu[(int)L3Structure.IntramuscularFat] = (float)(-65 + (20 * (rng.NextDouble() - 0.5)));
        baseHu[(int)L3Structure.CorticalBone] = (float)(700 + (250 * rng.NextDouble()));
        baseHu[(int)L3Structure.CancellousBone] = (float)(130 + (150 * rng.NextDouble()));
        baseHu[(int)L3Structure.SpinalCanal] = 15;
        baseHu[(int)L3Structure.Liver] = (float)liver;
        baseHu[(int)L3Structure.Kidney] = (float)kidney;
        baseHu[(int)L3Structure.Vessel] = (float)((aorta + ivc) / 2);
        baseHu[(int)L3Structure.BowelWall] = (float)wall;
        baseHu[(int)L3Structure.BowelContent] = (float)(acq.OralContrast ? Uniform(rng, 150, 450) : Uniform(rng, 0, 35));
        baseHu[(int)L3Structure.BowelGas] = -980;
        baseHu[(int)L3Structure.TableShell] = (float)Uniform(rng, 150, 400);
        baseHu[(int)L3Structure.TableCore] = (float)Uniform(rng, -980, -900);
        baseHu[(int)L3Structure.Metal] = 3071;
        textureHu[(int)L3Structure.SubcutaneousFat] = 10;
        textureHu[(int)L3Structure.VisceralFat] = 12;
        textureHu[(int)L3Structure.OtherFat] = 10;
        textureHu[(int)L3Structure.ArmFat] = 10;
        textureHu[(int)L3Structure.CancellousBone] = 40;
        textureHu[(int)L3Structure.Liver] = 5;
        textureHu[(int)L3Structure.Kidney] = acq.Phase == ContrastPhase.Unenhanced ? 3 : 25; // corticomedullary pattern
        textureHu[(int)L3Structure.BowelContent] = acq.OralContrast ? 60 : 25;
        textureHu[(int)L3Structure.BowelGas] = 15;
        for (int s = 0; s < StructureCount; s++)
        {
            if (s is not ((int)L3Structure.Air or (int)L3Structure.BowelGas or (int)L3Structure.Metal or (int)L3Structure.TableCore))
            {
                baseHu[s] += (float)acq.HuOffset;
            }
        }

        // Tissue texture: a smooth field with ~8 mm cells, scaled per structure.
        double fov = n * spacing;
        var texture = new SmoothField(seed.Derive("texture").Value, Math.Max(4, (int)(fov / 8)));
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

        // Partial volume: the kernel's in-plane point spread, never less than half a pixel.
        GaussianBlur.Apply(hu, n, n, Math.Max(0.5, acq.BlurMm / spacing));
        AddMetalStreaks(hu, n, spacing, anatomy.MetalCentresMm, seed.Derive("streaks").CreateRandom());
        AddNoise(hu, n, spacing, acq, new FastRandom(seed.Derive("noise").Value));
        for (int i = 0; i < hu.Length; i++)
        {
            hu[i] = Math.Clamp(MathF.Round(hu[i]), -1024f, 3071f);
        }

        return hu;
    }

    private static double Uniform(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());

    /// <summary>Gaussian noise of standard deviation σ, correlated over the kernel's correlation length.</summary>
    private static void AddNoise(float[] hu, int n, double spacing, L3Acquisition acq, FastRandom noise)
    {
        var field = new float[hu.Length];
        for (int i = 0; i < field.Length; i++)
        {
            field[i] = (float)noise.NextGaussian();
        }

        double corrPx = acq.NoiseCorrelationMm / spacing;
        if (corrPx >= 0.3)
        {
            GaussianBlur.Apply(field, n, n, corrPx);
            double sumSq = 0;
            foreach (float v in field)
            {
                sumSq += v * v;
            }

            float rescale = (float)(1 / Math.Sqrt(Math.Max(1e-12, sumSq / field.Length)));
            for (int i = 0; i < field.Length; i++)
            {
                field[i] *= rescale;
            }
        }

        float sigma = (float)acq.NoiseSigmaHu;
        for (int i = 0; i < hu.Length; i++)
        {
            hu[i] += sigma * field[i];
        }
    }

    /// <summary>
    /// Streaks from metal: dark bands along the lines joining implants (photon starvation) and bright and dark rays
    /// through each implant, fading with distance.
    /// </summary>
    private static void AddMetalStreaks(float[] hu, int n, double spacing, IReadOnlyList<(double X, double Y)> metal, Random rng)
    {
        if (metal.Count == 0)
        {
            return;
        }

        var rays = new List<(double X, double Y, double Cos, double Sin, double Amp, double Width)>();
        for (int i = 0; i < metal.Count; i++)
        {
            for (int j = i + 1; j < metal.Count; j++)
            {
                double angle = Math.Atan2(metal[j].Y - metal[i].Y, metal[j].X - metal[i].X);
                rays.Add((metal[i].X, metal[i].Y, Math.Cos(angle), Math.Sin(angle), -Uniform(rng, 120, 300), 3.0));
            }

            for (int k = rng.Next(3, 7); k > 0; k--)
            {
                double angle = rng.NextDouble() * Math.PI;
                double amp = (rng.NextDouble() < 0.5 ? -1 : 1) * Uniform(rng, 80, 300);
                rays.Add((metal[i].X, metal[i].Y, Math.Cos(angle), Math.Sin(angle), amp, Uniform(rng, 0.8, 2.0)));
            }
        }

        double half = n * spacing / 2;
        for (int y = 0; y < n; y++)
        {
            double ym = ((y + 0.5) * spacing) - half;
            for (int x = 0; x < n; x++)
            {
                double xm = ((x + 0.5) * spacing) - half;
                double sum = 0;
                foreach (var r in rays)
                {
                    double dx = xm - r.X;
                    double dy = ym - r.Y;
                    double across = (dx * r.Sin) - (dy * r.Cos);
                    double along = Math.Abs((dx * r.Cos) + (dy * r.Sin));
                    sum += r.Amp * Math.Exp(-(across * across) / (2 * r.Width * r.Width)) * 60 / (60 + along);
                }

                hu[(y * n) + x] += (float)sum;
            }
        }
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
