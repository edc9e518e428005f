using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Ct;

/// <summary>A bowel loop: wall, lumen, and gas above an air–fluid level (the patient is supine, so gas rises anteriorly).</summary>
internal sealed class BowelLoop
{
    private readonly Blob _outer;
    private readonly Blob _lumen;
    private readonly double _gasLevelY;

    private BowelLoop(Blob outer, Blob lumen, double gasLevelY)
    {
        _outer = outer;
        _lumen = lumen;
        _gasLevelY = gasLevelY;
    }

    public double Cx => _outer.Cx;

    public double Cy => _outer.Cy;

    public double Radius => Math.Max(_outer.A, _outer.B);

    /// <summary>A loop of radius <paramref name="r"/> mm whose lumen is gas over the anterior <paramref name="gasFraction"/> of its height.</summary>
    public static BowelLoop Create(Random rng, double x, double y, double r, double gasFraction)
    {
        double b = r * (0.75 + (0.25 * rng.NextDouble()));
        var outer = Blob.Random(rng, x, y, r, b, rng.NextDouble() * Math.PI, 0.15);
        double wall = 1.8 + rng.NextDouble();
        double level = gasFraction <= 0 ? double.NegativeInfinity : y - b + (2 * b * gasFraction);
        return new BowelLoop(outer, outer.Grow(-wall), level);
    }

    /// <summary>The structure at (x, y), or <see cref="L3Structure.Air"/> when outside the loop.</summary>
    public L3Structure At(double x, double y)
    {
        if (!_outer.Contains(x, y))
        {
            return L3Structure.Air;
        }

        if (!_lumen.Contains(x, y))
        {
            return L3Structure.BowelWall;
        }

        return y < _gasLevelY ? L3Structure.BowelGas : L3Structure.BowelContent;
    }
}
