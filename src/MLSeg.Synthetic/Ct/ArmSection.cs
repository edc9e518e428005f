using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Ct;

/// <summary>
/// The cross-section of an arm lying beside the abdomen (arms down): skin, subcutaneous fat, muscle and a long bone
/// with a fatty marrow cavity. None of it is labelled, although its muscle has the attenuation of the abdominal
/// muscles; coordinates are mm in the patient's frame.
/// </summary>
internal sealed class ArmSection
{
    private readonly Blob _outer;
    private readonly Blob _skinInner;
    private readonly Blob _muscle;
    private readonly Blob _cortex;
    private readonly Blob _marrow;

    private ArmSection(Blob outer, Blob muscle, Blob cortex)
    {
        _outer = outer;
        _skinInner = outer.Grow(-2);
        _muscle = muscle;
        _cortex = cortex;
        _marrow = cortex.Grow(-Math.Min(3.5, cortex.A * 0.4));
    }

    /// <summary>Distance of the arm's outer edge from the patient's midline (mm).</summary>
    public double OuterEdgeMm => Math.Abs(_outer.Cx) + (_outer.A * 1.1);

    /// <summary>An arm on <paramref name="side"/> (−1 patient right, +1 left) of a body of half-width <paramref name="bodyA"/>.</summary>
    public static ArmSection Create(Random rng, int side, double bodyA, double bodyCy, double fatZ, double muscleScale)
    {
        double a = Math.Clamp(40 + (9 * fatZ) + (8 * (muscleScale - 1)), 30, 65) * (0.9 + (0.2 * rng.NextDouble()));
        double b = a * (0.78 + (0.2 * rng.NextDouble()));
        double gap = rng.NextDouble() < 0.3 ? 0 : 3 + (22 * rng.NextDouble());
        double cx = side * (bodyA + gap + a - 2);
        double cy = bodyCy + (50 * (rng.NextDouble() - 0.4));
        var outer = Blob.Random(rng, cx, cy, a, b, 0.6 * (rng.NextDouble() - 0.5), 0.10);
        double fat = Math.Clamp(5 + (6 * fatZ), 2, 22);
        var muscle = Blob.Random(rng, cx + (side * 2), cy, Math.Max(6, a - fat), Math.Max(6, b - fat), rng.NextDouble() * Math.PI, 0.15);
        double rb = 8 + (4 * rng.NextDouble());
        var cortex = new Blob(cx - (side * 0.3 * muscle.A), cy + (0.2 * muscle.B * (rng.NextDouble() - 0.5)), rb, rb * 0.9);
        return new ArmSection(outer, muscle, cortex);
    }

    /// <summary>The structure at (x, y), or <see cref="L3Structure.Air"/> outside the arm.</summary>
    public L3Structure At(double x, double y)
    {
        if (!_outer.Contains(x, y))
        {
            return L3Structure.Air;
        }

        if (!_skinInner.Contains(x, y))
        {
            return L3Structure.Skin;
        }

        if (_cortex.Contains(x, y))
        {
            return _marrow.Contains(x, y) ? L3Structure.OtherFat : L3Structure.CorticalBone;
        }

        return _muscle.Contains(x, y) ? L3Structure.ArmMuscle : L3Structure.ArmFat;
    }
}
