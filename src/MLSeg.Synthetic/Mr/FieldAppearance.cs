using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Mr;

/// <summary>
/// How a field strength renders tissue: relative intensities (contrast), a smooth multiplicative bias field
/// (B1 inhomogeneity, strongest at 7 T) and the Rician noise level.
/// </summary>
internal sealed class FieldAppearance
{
    private readonly float[] _intensity;
    private readonly FieldStrength _field;
    private readonly SmoothField _smooth;
    private readonly double _gradX;
    private readonly double _gradY;
    private readonly double _b1CentreX;
    private readonly double _b1CentreY;
    private readonly double _b1Phase;
    private readonly double _biasStrength;
    private readonly double _noiseScale;

    public FieldAppearance(FieldStrength field, Random rng)
    {
        _field = field;
        // Relative signal per tissue, indexed by CardiacTissue: bSSFP-like at 1.5 T and 3 T, GRE-like at 7 T.
        _intensity = field switch
        {
            FieldStrength.T1p5 => [0f, 0.90f, 0.28f, 0.05f, 0.40f, 1.00f, 0.30f, 0.30f, 0.97f, 0.30f, 1.00f, 0.05f, 0.70f],
            FieldStrength.T3 => [0f, 0.80f, 0.26f, 0.04f, 0.38f, 0.95f, 0.27f, 0.27f, 0.92f, 0.27f, 0.95f, 0.05f, 0.60f],
            _ => [0f, 0.70f, 0.33f, 0.03f, 0.42f, 0.80f, 0.38f, 0.38f, 0.78f, 0.38f, 0.82f, 0.05f, 0.55f],
        };
        for (int i = 1; i < _intensity.Length; i++)
        {
            _intensity[i] *= (float)(0.95 + (0.1 * rng.NextDouble()));
        }

        _smooth = new SmoothField((ulong)rng.NextInt64(), 4);
        double angle = rng.NextDouble() * 2 * Math.PI;
        _gradX = Math.Cos(angle);
        _gradY = Math.Sin(angle);
        _b1CentreX = 0.2 * (rng.NextDouble() - 0.5);
        _b1CentreY = 0.2 * (rng.NextDouble() - 0.5);
        _b1Phase = rng.NextDouble() * Math.PI;
        Gain = 1900 + (600 * rng.NextDouble());

        // Drawn after the original latents: scanners, coils and body habitus change how strong the bias and how
        // high the noise are from one examination to the next.
        _biasStrength = 0.6 + (0.8 * rng.NextDouble());
        _noiseScale = 0.7 + (0.9 * rng.NextDouble());
    }

    /// <summary>Counts per unit relative signal.</summary>
    public double Gain { get; }

    /// <summary>Standard deviation of each quadrature channel's noise, relative to blood signal ≈ 1 (0.7–1.6 × the field's typical level).</summary>
    public double NoiseSigma => _noiseScale * _field switch
    {
        FieldStrength.T1p5 => 0.035,
        FieldStrength.T3 => 0.030,
        _ => 0.025,
    };

    /// <summary>Relative signal of <paramref name="tissue"/>.</summary>
    public float Intensity(CardiacTissue tissue) => _intensity[(int)tissue];

    /// <summary>Multiplicative bias at normalised position (u, v) in [−1, 1]².</summary>
    public double Bias(double u, double v) => Math.Max(0.08, 1 + (_biasStrength * (FieldBias(u, v) - 1)));

    private double FieldBias(double u, double v)
    {
        double smooth = _smooth.Sample((u + 1) / 2, (v + 1) / 2);
        double grad = (u * _gradX) + (v * _gradY);
        switch (_field)
        {
            case FieldStrength.T1p5:
                return 1 + (0.06 * grad) + (0.04 * smooth);
            case FieldStrength.T3:
                return 1 + (0.15 * grad) + (0.10 * smooth) + (0.12 * Math.Exp(-((u * u) + (v * v)) / 0.5));
            default:
                // 7 T: centre brightening with radial fall-off (short RF wavelength) and two darker lobes.
                double du = u - _b1CentreX;
                double dv = v - _b1CentreY;
                double r2 = (du * du) + (dv * dv);
                double theta = Math.Atan2(dv, du);
                double b1 = 0.35 + (0.85 * Math.Exp(-r2 / (2 * 0.4 * 0.4)));
                return Math.Max(0.08, b1 * (1 + (0.3 * Math.Cos((2 * theta) + _b1Phase))) * (1 + (0.15 * smooth)));
        }
    }
}
