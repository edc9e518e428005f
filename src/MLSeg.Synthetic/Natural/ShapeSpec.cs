namespace MLSeg.Synthetic.Natural;

/// <summary>A circle, regular polygon or star in pixel coordinates, with an even–odd point-in-polygon test.</summary>
internal readonly struct ShapeSpec
{
    private readonly double _cx;
    private readonly double _cy;
    private readonly double _r;
    private readonly double[] _vx;
    private readonly double[] _vy;

    private ShapeSpec(int kind, double cx, double cy, double r, double[] vx, double[] vy)
    {
        Kind = kind;
        _cx = cx;
        _cy = cy;
        _r = r;
        _vx = vx;
        _vy = vy;
    }

    /// <summary>0 circle, 1 polygon, 2 star.</summary>
    public int Kind { get; }

    /// <summary>A shape of <paramref name="kind"/> with radius in [minFrac, maxFrac] × size, fully inside the image.</summary>
    public static ShapeSpec Random(Random rng, int kind, int size, double minFrac, double maxFrac)
    {
        double r = size * (minFrac + ((maxFrac - minFrac) * rng.NextDouble()));
        double cx = r + ((size - (2 * r)) * rng.NextDouble());
        double cy = r + ((size - (2 * r)) * rng.NextDouble());
        double rot = rng.NextDouble() * 2 * Math.PI;
        int vertices = kind == 1 ? rng.Next(3, 7) : kind == 2 ? 2 * rng.Next(5, 8) : 0;
        var vx = new double[vertices];
        var vy = new double[vertices];
        double inner = 0.4 + (0.15 * rng.NextDouble());
        for (int i = 0; i < vertices; i++)
        {
            double rr = kind == 2 && i % 2 == 1 ? r * inner : r;
            double a = rot + (2 * Math.PI * i / vertices);
            vx[i] = cx + (rr * Math.Cos(a));
            vy[i] = cy + (rr * Math.Sin(a));
        }

        return new ShapeSpec(kind, cx, cy, r, vx, vy);
    }

    public bool Contains(double x, double y)
    {
        double dx = x - _cx;
        double dy = y - _cy;
        if ((dx * dx) + (dy * dy) > _r * _r)
        {
            return false;
        }

        if (Kind == 0)
        {
            return true;
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
}
