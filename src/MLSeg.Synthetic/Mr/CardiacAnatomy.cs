using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Mr;

/// <summary>
/// One patient's thorax and heart in short-axis view. Coordinates are mm from the image centre, x to image right,
/// y to image bottom. The heart contracts with a smooth periodic profile: <see cref="Contraction"/> is 0 at
/// end-diastole (frame 0) and 1 at end-systole, and the myocardial cross-section is conserved, so the wall thickens
/// as the cavity shrinks.
/// </summary>
internal sealed class CardiacAnatomy
{
    private readonly Blob _body;
    private readonly Blob _subcutInner;
    private readonly Blob _muscleInner;
    private readonly Blob _lungR;
    private readonly Blob _lungL;
    private readonly Blob _descendingAorta;
    private readonly Blob _vertebra;
    private readonly Blob _marrow;
    private readonly double _heartX;
    private readonly double _heartY;
    private readonly double _endoEdMm;
    private readonly double _esRatio;
    private readonly double _wallEdMm;
    private readonly double[] _endoHarmonics;
    private readonly double _rvScale;
    private readonly double _papillaryAngle;
    private readonly double _cos;
    private readonly double _sin;
    private readonly double _shiftX;
    private readonly double _shiftY;
    private readonly double _apexOffset;
    private readonly (double Angle, double Depth, double Size)[] _trabeculae;

    public CardiacAnatomy(Random rng)
    {
        double a = 120 + (25 * rng.NextDouble());
        double b = a * (0.68 + (0.08 * rng.NextDouble()));
        _body = Blob.Random(rng, 0, 0, a, b, 0, 0.05);
        _subcutInner = _body.Grow(-(6 + (14 * rng.NextDouble())));
        _muscleInner = _subcutInner.Grow(-(8 + (6 * rng.NextDouble())));
        _lungR = Blob.Random(rng, -a * 0.55, b * 0.1, a * 0.30, b * 0.55, 0.25, 0.12);
        _lungL = Blob.Random(rng, a * 0.62, b * 0.2, a * 0.24, b * 0.5, -0.25, 0.12);
        _vertebra = new Blob(0, b * 0.62, 16, 14);
        _marrow = _vertebra.Grow(-2.5);
        _descendingAorta = new Blob(22, (b * 0.62) - 22, 11, 11);
        _heartX = 10 + (12 * rng.NextDouble());
        _heartY = -10 + (10 * rng.NextDouble());
        _endoEdMm = 22 + (7 * rng.NextDouble());
        _esRatio = 0.60 + (0.22 * rng.NextDouble());
        _wallEdMm = 7 + (4 * rng.NextDouble());
        _endoHarmonics = [0.05 * (rng.NextDouble() - 0.5), 0.05 * (rng.NextDouble() - 0.5), 0.03 * (rng.NextDouble() - 0.5), 0, 0, 0];
        _rvScale = 1.0 + (0.3 * rng.NextDouble());
        _papillaryAngle = rng.NextDouble() * 0.6;
        EsPhase = 0.30 + (0.10 * rng.NextDouble());

        // Inter-patient variation drawn after the original latents: dilated or small, hypertrophied or thin hearts,
        // the chest rotated and off-centre in the field of view, the slice stack planned a little basal or apical,
        // and trabeculae along the endocardium (part of the cavity label, as papillary muscles are).
        double remodel = rng.NextDouble();
        _endoEdMm *= remodel < 0.15 ? 1.25 + (0.2 * rng.NextDouble()) : remodel < 0.25 ? 0.8 : 1.0;
        _wallEdMm *= rng.NextDouble() < 0.15 ? 1.3 + (0.3 * rng.NextDouble()) : 0.85 + (0.3 * rng.NextDouble());
        double rotation = 0.3 * ((2 * rng.NextDouble()) - 1);
        _cos = Math.Cos(rotation);
        _sin = Math.Sin(rotation);
        _shiftX = 24 * (rng.NextDouble() - 0.5);
        _shiftY = 24 * (rng.NextDouble() - 0.5);
        _apexOffset = 0.2 * (rng.NextDouble() - 0.4);
        _trabeculae = new (double, double, double)[4 + rng.Next(9)];
        for (int i = 0; i < _trabeculae.Length; i++)
        {
            _trabeculae[i] = (2 * Math.PI * rng.NextDouble(), 0.05 + (0.12 * rng.NextDouble()), 0.6 + (0.8 * rng.NextDouble()));
        }
    }

    /// <summary>Fraction of the cycle at which end-systole falls.</summary>
    public double EsPhase { get; }

    /// <summary>Contraction 0 (end-diastole) … 1 (end-systole) at cycle phase <paramref name="phase"/> in [0, 1).</summary>
    public double Contraction(double phase)
    {
        // Warp time so end-systole maps to 0.5, then a raised cosine: periodic, C1 at both joins.
        double w = phase < EsPhase ? 0.5 * phase / EsPhase : 0.5 + (0.5 * (phase - EsPhase) / (1 - EsPhase));
        return 0.5 * (1 - Math.Cos(2 * Math.PI * w));
    }

    /// <summary>The geometry of one slice (0 = base … 1 = apex) at contraction <paramref name="contraction"/>.</summary>
    public SliceGeometry Slice(double apexFraction, double contraction)
    {
        apexFraction = Math.Clamp(apexFraction + _apexOffset, 0, 1);
        double taper = Math.Sqrt(Math.Max(0.06, 1 - Math.Pow(apexFraction * 0.93, 2)));
        double endoEd = _endoEdMm * taper;
        double wallEd = _wallEdMm * (0.85 + (0.15 * taper));
        double epiEd = endoEd + wallEd;
        double endo = endoEd * (1 - ((1 - _esRatio) * contraction));
        double epi = Math.Sqrt((endo * endo) + (epiEd * epiEd) - (endoEd * endoEd)); // myocardial area conserved
        double cx = _heartX + (4 * apexFraction);
        double cy = _heartY + (3 * apexFraction);
        var lvEndo = new Blob(cx, cy, endo, endo * 0.95, 0.3, _endoHarmonics);
        var lvEpi = new Blob(cx, cy, epi, epi * 0.96, 0.3, _endoHarmonics);

        double rvSize = Math.Max(0, 1 - (apexFraction * 1.25)) * _rvScale * (1 - (0.3 * contraction));
        Blob? rv = rvSize > 0.15
            ? new Blob(cx - (epi * 0.95), cy - (epi * 0.25), (epi * 1.35 * rvSize) + 4, (epi * 1.0 * rvSize) + 3, -0.6)
            : null;
        double pr = Math.Max(1.5, endo * 0.16);
        var pap1 = new Blob(cx + (endo * 0.75 * Math.Cos(0.9 + _papillaryAngle)), cy + (endo * 0.75 * Math.Sin(0.9 + _papillaryAngle)), pr, pr);
        var pap2 = new Blob(cx + (endo * 0.75 * Math.Cos(2.4 + _papillaryAngle)), cy + (endo * 0.75 * Math.Sin(2.4 + _papillaryAngle)), pr, pr);
        var trabeculae = new Blob[_trabeculae.Length];
        for (int i = 0; i < trabeculae.Length; i++)
        {
            var (angle, depth, size) = _trabeculae[i];
            double r = endo * (1 - depth);
            double t = Math.Max(0.8, size * endo * 0.07);
            trabeculae[i] = new Blob(cx + (r * Math.Cos(angle)), cy + (r * Math.Sin(angle)), t * 1.6, t, angle);
        }

        return new SliceGeometry(this, lvEndo, lvEpi, rv, pap1, pap2, trabeculae);
    }

    /// <summary>The tissue at (x, y) given a slice's heart geometry.</summary>
    public CardiacTissue Classify(in SliceGeometry g, double xScanner, double yScanner)
    {
        double dx = xScanner - _shiftX;
        double dy = yScanner - _shiftY;
        double x = (_cos * dx) + (_sin * dy);
        double y = (_cos * dy) - (_sin * dx);
        if (!_body.Contains(x, y))
        {
            return CardiacTissue.Air;
        }

        if (!_subcutInner.Contains(x, y))
        {
            return CardiacTissue.Fat;
        }

        if (!_muscleInner.Contains(x, y))
        {
            return CardiacTissue.ChestMuscle;
        }

        if (_vertebra.Contains(x, y))
        {
            return _marrow.Contains(x, y) ? CardiacTissue.Marrow : CardiacTissue.Bone;
        }

        if (_descendingAorta.Contains(x, y))
        {
            return CardiacTissue.AorticBlood;
        }

        if (g.LvEpi.Contains(x, y))
        {
            if (!g.LvEndo.Contains(x, y))
            {
                return CardiacTissue.Myocardium;
            }

            if (g.Papillary1.Contains(x, y) || g.Papillary2.Contains(x, y))
            {
                return CardiacTissue.Papillary;
            }

            foreach (Blob trabecula in g.Trabeculae)
            {
                if (trabecula.Contains(x, y))
                {
                    return CardiacTissue.Papillary;
                }
            }

            return CardiacTissue.LvBlood;
        }

        if (g.Rv is { } rv && rv.Contains(x, y))
        {
            bool wall = !rv.Grow(-3).Contains(x, y) || g.LvEpi.Grow(2).Contains(x, y);
            return wall ? CardiacTissue.RvWall : CardiacTissue.RvBlood;
        }

        if (g.LvEpi.Grow(4).Contains(x, y) || (g.Rv is { } rv2 && rv2.Grow(3).Contains(x, y)))
        {
            return CardiacTissue.Fat; // epicardial fat
        }

        if (_lungR.Contains(x, y) || _lungL.Contains(x, y))
        {
            return CardiacTissue.Lung;
        }

        return CardiacTissue.SoftTissue;
    }

    /// <summary>Heart geometry of one slice at one frame.</summary>
    internal readonly record struct SliceGeometry(CardiacAnatomy Owner, Blob LvEndo, Blob LvEpi, Blob? Rv, Blob Papillary1, Blob Papillary2, Blob[] Trabeculae);
}
