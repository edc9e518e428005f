namespace MLSeg.Synthetic.Natural;

/// <summary>
/// A circle, ellipse, regular polygon, rectangle, star or cross in pixel coordinates. Polygons (everything but circle
/// and ellipse) use an even–odd point-in-polygon test.
/// </summary>
internal readonly struct ShapeSpec : IRegion
{
    /// <summary>Shape kinds, in class order.</summary>
    public static readonly IReadOnlyList<string> Names = ["circle", "ellipse", "polygon", "rectangle", "star", "cross"];

    /// <summary>Segmentation label families (label − 1) of each kind: round, angular, spiky.</summary>
    private static readonly int[] FamilyOf = [0, 0, 1, 1, 2, 2];

    private readonly double _cx;
    private readonly double _cy;
    private readonly double _r;
    private readonly double _cos;
    private readonly double _sin;
    private readonly double _aspect;
    private readonly double[] _vx;
    private readonly double[] _vy;

    private ShapeSpec(int kind, double cx, double cy, double r, double rot, double aspect, double[] vx, double[] vy)
    {
        Kind = kind;
        _cx = cx;
        _cy = cy;
        _r = r;
        _cos = Math.Cos(rot);
        _sin = Math.Sin(rot);
        _aspect = aspect;
        _vx = vx;
        _vy = vy;
    }

    /// <summary>Index into <see cref="Names"/>.</summary>
    public int Kind { get; }

    /// <summary>Segmentation label of this shape: 1 round (circle, ellipse), 2 angular (polygon, rectangle), 3 spiky (star, cross).</summary>
    public byte Label => (byte)(FamilyOf[Kind] + 1);

    /// <summary>Centre x (px).</summary>
    public double Cx => _cx;

    /// <summary>Centre y (px).</summary>
    public double Cy => _cy;

    /// <summary>A shape of <paramref name="kind"/> with radius in [minFrac, maxFrac] × size, its bounding circle inside the image.</summary>
    public static ShapeSpec Random(Random rng, int kind, int size, double minFrac, double maxFrac)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kind);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(kind, Names.Count);
        double r = size * (minFrac + ((maxFrac - minFrac) * rng.NextDouble()));
        double cx = r + ((size - (2 * r)) * rng.NextDouble());
        double cy = r + ((size - (2 * r)) * rng.NextDouble());
        double rot = rng.NextDouble() * 2 * Math.PI;
        double aspect = 0.45 + (0.4 * rng.NextDouble());
        var (ux, uy) = kind switch
        {
            2 => Regular(rng.Next(3, 7), 1, 1),
            3 => Rectangle(aspect),
            4 => Regular(2 * rng.Next(5, 8), 1, 0.4 + (0.15 * rng.NextDouble())),
            5 => Cross(0.25 + (0.15 * rng.NextDouble())),
            _ => ([], []),
        };
        var vx = new double[ux.Length];
        var vy = new double[uy.Length];
        for (int i = 0; i < ux.Length; i++)
        {
            vx[i] = cx + (r * ((ux[i] * Math.Cos(rot)) - (uy[i] * Math.Sin(rot))));
            vy[i] = cy + (r * ((ux[i] * Math.Sin(rot)) + (uy[i] * Math.Cos(rot))));
        }

        return new ShapeSpec(kind, cx, cy, r, rot, aspect, vx, vy);
    }

    public bool Contains(double x, double y)
    {
        double dx = x - _cx;
        double dy = y - _cy;
        if ((dx * dx) + (dy * dy) > _r * _r)
        {
            return false;
        }

        switch (Kind)
        {
            case 0:
                return true;
            case 1:
                double u = ((dx * _cos) + (dy * _sin)) / _r;
                double v = ((dy * _cos) - (dx * _sin)) / (_r * _aspect);
                return (u * u) + (v * v) <= 1;
        }

        bool inside = false;
        for (int i = 0, j = _vx.Length - 1; i < _vx.Length; j = i++)
        {
            if ((_vy[i] > y) != (_vy[j] > y) && x < ((_vx[j] - _vx[i]) * (y - _vy[i]) / (_vy[j] - _vy[i])) + _vx[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Vertices of a regular polygon (inner = 1) or star (alternate vertices at radius inner), unit radius.</summary>
    private static (double[] X, double[] Y) Regular(int vertices, double outer, double inner)
    {
        var x = new double[vertices];
        var y = new double[vertices];
        for (int i = 0; i < vertices; i++)
        {
            double rr = i % 2 == 1 ? inner : outer;
            double a = 2 * Math.PI * i / vertices;
            x[i] = rr * Math.Cos(a);
            y[i] = rr * Math.Sin(a);
        }

        return (x, y);
    }

    /// <summary>A rectangle inscribed in the unit circle with height/width <paramref name="aspect"/>.</summary>
    private static (double[] X, double[] Y) Rectangle(double aspect)
    {
        double w = 1 / Math.Sqrt(1 + (aspect * aspect));
        double h = aspect * w;
        return ([-w, w, w, -w], [-h, -h, h, h]);
    }

    /// <summary>A plus sign of arm half-width <paramref name="t"/> inside the unit circle.</summary>
    private static (double[] X, double[] Y) Cross(double t)
    {
        double l = Math.Sqrt(1 - (t * t));
        return ([-t, t, t, l, l, t, t, -t, -t, -l, -l, -t], [-l, -l, -t, -t, t, t, l, l, t, t, -t, -t]);
    }
}
