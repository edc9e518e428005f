using MLSeg.Core.Imaging;
using MLSeg.Core.Randomness;
using MLSeg.Synthetic.Geometry;
using MLSeg.Synthetic.Writing;

namespace MLSeg.Synthetic.Mr;

/// <summary>
/// Short-axis cine MRI phantoms: LV blood pool (1), LV myocardium (2), optionally RV blood pool (3), contracting
/// through the cardiac cycle. The anatomy depends only on the patient seed (<c>root.Derive("cardiac-cine").Derive(i)</c>),
/// not on the field strength, so the same patient rendered at 1.5 T and 7 T has identical masks and a shifted
/// appearance: a controlled domain shift.
/// </summary>
public sealed class CardiacCinePhantom
{
    private readonly CardiacCineOptions _options;

    /// <summary>Creates a generator with <paramref name="options"/> (validated here).</summary>
    public CardiacCinePhantom(CardiacCineOptions options)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>The seed of patient <paramref name="index"/> under <paramref name="root"/>.</summary>
    public static SeedSource PatientSeed(SeedSource root, int index) => root.Derive("cardiac-cine").Derive(index);

    /// <summary>The synthetic PatientID of patient <paramref name="index"/> (0-based), e.g. <c>SYN-CINE-0001</c>.</summary>
    public static string PatientId(int index) => FormattableString.Invariant($"SYN-CINE-{index + 1:D4}");

    /// <summary>Generates patient <paramref name="index"/> of the cohort rooted at <paramref name="root"/>.</summary>
    public CardiacCineCase Generate(SeedSource root, int index) => Generate(root, index, null);

    /// <summary>As <see cref="Generate(SeedSource, int)"/>; when <paramref name="tissues"/> is given, also appends each image's tissue map (one <see cref="CardiacTissue"/> per pixel), in image order.</summary>
    internal CardiacCineCase Generate(SeedSource root, int index, List<byte[]>? tissues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        SeedSource seed = PatientSeed(root, index);
        var anatomy = new CardiacAnatomy(seed.Derive("anatomy").CreateRandom());
        string fieldName = _options.Field.ToManifestName();
        var appearance = new FieldAppearance(_options.Field, seed.Derive("appearance").Derive(fieldName).CreateRandom());
        int n = _options.SizePx;
        double spacing = _options.FieldOfViewMm / n;
        float[] bias = BiasPlane(appearance, n);

        int frames = _options.Frames;
        int esFrame = Math.Clamp((int)Math.Round(anatomy.EsPhase * frames), 1, frames - 1);
        double rrMs = 800 + (300 * seed.Derive("heart-rate").CreateRandom().NextDouble());
        string study = SyntheticUid.Derive(seed, "study");
        string frameOfReference = SyntheticUid.Derive(seed, "frame-of-reference");
        var images = new CardiacImage[_options.Slices * frames];
        var tissue = new byte[n * n];
        for (int s = 0; s < _options.Slices; s++)
        {
            double apexFraction = _options.Slices == 1 ? 0.3 : (double)s / (_options.Slices - 1);
            string series = SyntheticUid.Derive(seed, FormattableString.Invariant($"series-{fieldName}-{s}"));
            for (int f = 0; f < frames; f++)
            {
                // Sample the contraction at the frame's phase; end-systole is pinned to esFrame exactly.
                double phase = f <= esFrame ? anatomy.EsPhase * f / esFrame : anatomy.EsPhase + ((1 - anatomy.EsPhase) * (f - esFrame) / (frames - esFrame));
                var geometry = anatomy.Slice(apexFraction, anatomy.Contraction(phase));
                Rasterise(anatomy, geometry, tissue, n, spacing);
                tissues?.Add((byte[])tissue.Clone());
                var spacingMm = new PixelSpacing(spacing, spacing);
                var labels = new LabelMap(n, n, ToLabels(tissue), spacingMm);
                float[] pixels = Render(tissue, bias, appearance, n, spacing, seed.Derive("noise").Derive((s * frames) + f));
                var info = new MrSeriesInfo(
                    PatientId(index),
                    FormattableString.Invariant($"Synthetic^Cine{index + 1:D4}"),
                    study,
                    series,
                    SyntheticUid.Derive(seed, FormattableString.Invariant($"sop-{fieldName}-{s}-{f}")),
                    frameOfReference,
                    _options.Field.Tesla(),
                    s,
                    f,
                    f + 1,
                    -s * _options.SliceThicknessMm,
                    _options.SliceThicknessMm,
                    Math.Round(rrMs * f / frames, 1),
                    frames,
                    "Synthetic SAX cine " + fieldName);
                images[(s * frames) + f] = new CardiacImage(s, f, new Image2D(1, n, n, pixels, spacingMm), labels, info);
            }
        }

        return new CardiacCineCase(index, PatientId(index), _options.Field, 0, esFrame, _options.Slices, frames, images);
    }

    private static void Rasterise(CardiacAnatomy anatomy, in CardiacAnatomy.SliceGeometry g, byte[] tissue, int n, double spacing)
    {
        double half = n * spacing / 2;
        for (int y = 0; y < n; y++)
        {
            double ym = ((y + 0.5) * spacing) - half;
            Span<byte> row = tissue.AsSpan(y * n, n);
            for (int x = 0; x < n; x++)
            {
                row[x] = (byte)anatomy.Classify(g, ((x + 0.5) * spacing) - half, ym);
            }
        }
    }

    private byte[] ToLabels(byte[] tissue)
    {
        var labels = new byte[tissue.Length];
        byte rv = _options.IncludeRightVentricle ? (byte)3 : (byte)0;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (CardiacTissue)tissue[i] switch
            {
                CardiacTissue.LvBlood or CardiacTissue.Papillary => 1, // papillary muscles belong to the cavity, as in ACDC
                CardiacTissue.Myocardium => 2,
                CardiacTissue.RvBlood => rv,
                _ => 0,
            };
        }

        return labels;
    }

    private static float[] BiasPlane(FieldAppearance appearance, int n)
    {
        var bias = new float[n * n];
        for (int y = 0; y < n; y++)
        {
            double v = (((y + 0.5) / n) * 2) - 1;
            for (int x = 0; x < n; x++)
            {
                bias[(y * n) + x] = (float)appearance.Bias((((x + 0.5) / n) * 2) - 1, v);
            }
        }

        return bias;
    }

    private static float[] Render(byte[] tissue, float[] bias, FieldAppearance appearance, int n, double spacing, SeedSource seed)
    {
        Span<float> lut = stackalloc float[(int)CardiacTissue.Marrow + 1];
        for (int t = 0; t < lut.Length; t++)
        {
            lut[t] = appearance.Intensity((CardiacTissue)t);
        }

        var signal = new float[tissue.Length];
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] = lut[tissue[i]];
        }

        GaussianBlur.Apply(signal, n, n, Math.Max(0.5, 1.0 / spacing)); // partial volume over ~1 mm
        var noise = new FastRandom(seed.Value);
        float sigma = (float)appearance.NoiseSigma;
        float gain = (float)appearance.Gain;
        for (int i = 0; i < signal.Length; i++)
        {
            // Rician magnitude: |S·bias + n_re + i·n_im| with independent Gaussian channels.
            float re = (signal[i] * bias[i]) + (sigma * (float)noise.NextGaussian());
            float im = sigma * (float)noise.NextGaussian();
            float magnitude = MathF.Sqrt((re * re) + (im * im)) * gain;
            signal[i] = Math.Clamp(MathF.Round(magnitude), 0f, 4095f);
        }

        return signal;
    }
}
