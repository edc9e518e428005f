namespace MLSeg.Synthetic.Geometry;

/// <summary>
/// A rotated ellipse whose boundary radius is modulated by low-order harmonics of the polar angle
/// (r(θ) = 1 + Σ c_k cos kθ + s_k sin kθ for k = 2…4, in the ellipse's normalised frame). Coordinates are mm.
/// The harmonics are evaluated from cos θ and sin θ by the angle-addition recurrence, so a test costs one square root
/// and no trigonometric call.
/// </summary>
internal readonly struct Blob
{
    private readonly double _cx;
    private readonly double _cy;
    private readonly double _invA;
    private readonly double _invB;
    private readonly double _cos;
    private readonly double _sin;
    private readonly double _c2;
    private readonly double _s2;
    private readonly double _c3;
    private readonly double _s3;
    private readonly double _c4;
    private readonly double _s4;
    private readonly double _inner2;
    private readonly double _outer2;
    private readonly double _bound;

    public Blob(double cx, double cy, double a, double b, double angleRad = 0, ReadOnlySpan<double> harmonics = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        _cx = cx;
        _cy = cy;
        A = a;
        B = b;
        _invA = 1.0 / a;
        _invB = 1.0 / b;
        _cos = Math.Cos(angleRad);
        _sin = Math.Sin(angleRad);
        Span<double> h = stackalloc double[6];
        harmonics[..Math.Min(6, harmonics.Length)].CopyTo(h);
        (_c2, _s2, _c3, _s3, _c4, _s4) = (h[0], h[1], h[2], h[3], h[4], h[5]);
        double amp = 0;
        foreach (double v in h)
        {
            amp += Math.Abs(v);
        }

        Harmonics = h.ToArray();
        AngleRad = angleRad;
        _inner2 = Math.Max(0, 1 - amp) * Math.Max(0, 1 - amp);
        _outer2 = (1 + amp) * (1 + amp);
        _bound = Math.Max(a, b) * (1 + amp);
    }

    /// <summary>Centre x (mm).</summary>
    public double Cx => _cx;

    /// <summary>Centre y (mm).</summary>
    public double Cy => _cy;

    /// <summary>Semi-axis along the rotated x axis (mm).</summary>
    public double A { get; }

    /// <summary>Semi-axis along the rotated y axis (mm).</summary>
    public double B { get; }

    /// <summary>Rotation (radians).</summary>
    public double AngleRad { get; }

    /// <summary>The six harmonic coefficients (c2, s2, c3, s3, c4, s4).</summary>
    public double[] Harmonics { get; }

    /// <summary>An ellipse with random harmonics of total amplitude up to <paramref name="wobble"/>.</summary>
    public static Blob Random(Random rng, double cx, double cy, double a, double b, double angleRad, double wobble)
    {
        Span<double> h = stackalloc double[6];
        for (int i = 0; i < 6; i++)
        {
            h[i] = (rng.NextDouble() - 0.5) * wobble / 3.0;
        }

        return new Blob(cx, cy, a, b, angleRad, h);
    }

    /// <summary>The same shape with both semi-axes changed by <paramref name="deltaMm"/> (negative shrinks).</summary>
    public Blob Grow(double deltaMm) => new(_cx, _cy, Math.Max(0.1, A + deltaMm), Math.Max(0.1, B + deltaMm), AngleRad, Harmonics);

    /// <summary>The same shape moved to another centre.</summary>
    public Blob MovedTo(double cx, double cy) => new(cx, cy, A, B, AngleRad, Harmonics);

    /// <summary>True when (x, y) mm lies inside the shape.</summary>
    public bool Contains(double x, double y)
    {
        double dx = x - _cx;
        double dy = y - _cy;
        if (Math.Abs(dx) > _bound || Math.Abs(dy) > _bound)
        {
            return false;
        }

        double u = ((dx * _cos) + (dy * _sin)) * _invA;
        double v = ((dy * _cos) - (dx * _sin)) * _invB;
        double r2 = (u * u) + (v * v);
        if (r2 >= _outer2)
        {
            return false;
        }

        if (r2 <= _inner2)
        {
            return true;
        }

        double r = Math.Sqrt(r2);
        double c1 = u / r;
        double s1 = v / r;
        double c2 = (c1 * c1) - (s1 * s1);
        double s2 = 2 * c1 * s1;
        double c3 = (c2 * c1) - (s2 * s1);
        double s3 = (s2 * c1) + (c2 * s1);
        double c4 = (c2 * c2) - (s2 * s2);
        double s4 = 2 * c2 * s2;
        double radius = 1 + (_c2 * c2) + (_s2 * s2) + (_c3 * c3) + (_s3 * s3) + (_c4 * c4) + (_s4 * s4);
        return r < radius;
    }
}
