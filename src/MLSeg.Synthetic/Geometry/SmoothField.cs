namespace MLSeg.Synthetic.Geometry;

/// <summary>
/// A smooth random scalar field over the unit square: random values on a coarse grid, interpolated with smoothstep
/// weights (continuous with a continuous first derivative across cells). Used for tissue texture, MR bias fields and
/// observers' boundary displacement. Values lie in [−1, 1].
/// </summary>
internal sealed class SmoothField
{
    private readonly float[] _grid;
    private readonly int _cells;

    /// <summary>Creates a field with <paramref name="cells"/> × <paramref name="cells"/> cells.</summary>
    public SmoothField(ulong seed, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cells, 1);
        _cells = cells;
        int n = cells + 1;
        _grid = new float[n * n];
        var rng = new FastRandom(seed);
        for (int i = 0; i < _grid.Length; i++)
        {
            _grid[i] = (float)((rng.NextDouble() * 2) - 1);
        }
    }

    /// <summary>Field value at (u, v) in [0, 1]² (clamped outside).</summary>
    public float Sample(double u, double v)
    {
        double gx = Math.Clamp(u, 0, 1) * _cells;
        double gy = Math.Clamp(v, 0, 1) * _cells;
        int ix = Math.Min((int)gx, _cells - 1);
        int iy = Math.Min((int)gy, _cells - 1);
        double fx = Smooth(gx - ix);
        double fy = Smooth(gy - iy);
        int n = _cells + 1;
        int i00 = (iy * n) + ix;
        double top = _grid[i00] + ((_grid[i00 + 1] - _grid[i00]) * fx);
        double bottom = _grid[i00 + n] + ((_grid[i00 + n + 1] - _grid[i00 + n]) * fx);
        return (float)(top + ((bottom - top) * fy));
    }

    /// <summary>Fills a row-major <paramref name="width"/> × <paramref name="height"/> plane with amplitude × field.</summary>
    public void Fill(Span<float> destination, int width, int height, float amplitude)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(destination.Length, width * height);
        for (int y = 0; y < height; y++)
        {
            double v = (y + 0.5) / height;
            Span<float> row = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                row[x] = amplitude * Sample((x + 0.5) / width, v);
            }
        }
    }

    private static double Smooth(double t) => t * t * (3 - (2 * t));
}
