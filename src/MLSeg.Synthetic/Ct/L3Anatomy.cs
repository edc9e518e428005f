using MLSeg.Synthetic.Geometry;

namespace MLSeg.Synthetic.Ct;

/// <summary>
/// One patient's axial anatomy at the L3 level, drawn from per-patient latents. Coordinates are mm with the origin
/// at the image centre, x towards image right (the patient's left, radiological display) and y towards image bottom
/// (posterior). <see cref="Classify"/> answers which structure lies at any continuous point, so the truth mask and
/// the observers' (displaced) masks are rasterised from the same geometry.
/// </summary>
internal sealed partial class L3Anatomy
{
    private readonly Blob _body;
    private readonly Blob _skinInner;
    private readonly Blob _envelope;
    private readonly Blob _wallInner;
    private readonly double _semilunarX;
    private readonly double _wallPosteriorY;
    private readonly Blob _wallOuter;
    private readonly Blob _rectusR;
    private readonly Blob _rectusL;
    private readonly Blob _psoasR;
    private readonly Blob _psoasL;
    private readonly Blob _quadratusR;
    private readonly Blob _quadratusL;
    private readonly Blob _erectorR;
    private readonly Blob _erectorL;
    private readonly Blob _vertebraOuter;
    private readonly Blob _vertebraInner;
    private readonly Blob _canal;
    private readonly Blob _arch;
    private readonly Blob _spinous;
    private readonly Blob _transverseR;
    private readonly Blob _transverseL;
    private readonly Blob? _liver;
    private readonly Blob? _kidneyR;
    private readonly Blob? _kidneyL;
    private readonly Blob _aorta;
    private readonly Blob _ivc;
    private readonly List<BowelLoop> _bowel = [];
    private readonly List<Blob>[] _imat = Enumerable.Range(0, L3Structures.Count).Select(_ => new List<Blob>()).ToArray();
    private readonly List<Blob> _metal = [];
    private readonly ArmSection? _armR;
    private readonly ArmSection? _armL;
    private readonly double _rotCos;
    private readonly double _rotSin;
    private readonly double _shiftX;
    private readonly double _shiftY;
    private readonly double _tableTopY;

    /// <summary>Draws a patient's anatomy from <paramref name="rng"/>.</summary>
    public L3Anatomy(Random rng)
    {
        bool male = rng.NextDouble() < 0.55;
        double heightCm = male ? 176 + (7 * Gauss(rng)) : 163 + (6 * Gauss(rng));
        double fatZ = Math.Clamp(Gauss(rng), -2.0, 2.8);
        bool sarcopenic = rng.NextDouble() < 0.35;
        double ms = (sarcopenic ? Uniform(rng, 0.62, 0.88) : Uniform(rng, 0.92, 1.25)) * (male ? 1.0 : 0.86);

        // Myosteatosis (fat infiltration lowers muscle attenuation) is commoner with sarcopenia and obesity; in its
        // severe form muscle sits at 0–25 HU, where it overlaps unenhanced bowel content and fluid.
        double steatosisOdds = 0.15 + (sarcopenic ? 0.30 : 0) + (0.08 * Math.Max(0, fatZ));
        bool myosteatosis = rng.NextDouble() < steatosisOdds;
        double muscleHu = myosteatosis ? Uniform(rng, 2, 30) : Uniform(rng, 30, 58);
        double imatBoost = myosteatosis ? Uniform(rng, 1.5, 3.0) : 1.0;

        // Habitus: body outline and subcutaneous fat thickness (anterior, lateral, posterior); the abdomen ranges
        // from round to broad and flat, and obesity may be mainly subcutaneous or mainly visceral.
        double visceralShare = Math.Clamp(0.5 + (0.25 * Gauss(rng)), 0.05, 0.95);
        double by = Uniform(rng, -12, 4);
        double bodyA = Math.Clamp(150 + (22 * fatZ) + (25 * (ms - 1)) + (male ? 8 : 0), 110, 190);
        double bodyB = Math.Clamp((bodyA * Uniform(rng, 0.58, 0.82)) + (8 * fatZ), 80, 160);
        double satScale = 1.6 * (1 - visceralShare) + 0.2;
        double tAnt = Math.Clamp(16 + (11 * fatZ * satScale) + (male ? 0 : 6), 4, 70);
        double tLat = Math.Clamp(13 + (9 * fatZ * satScale) + (male ? 0 : 5), 3, 60);
        double tPost = Math.Clamp(11 + (6 * fatZ * satScale), 3, 45);
        _body = Blob.Random(rng, 0, by, bodyA, bodyB, 0, 0.10);
        _skinInner = _body.Grow(-2);
        double envCy = by + ((tAnt - tPost) / 2);
        double envA = bodyA - tLat;
        double envB = bodyB - ((tAnt + tPost) / 2);
        _envelope = new Blob(0, envCy, envA, envB, 0, Scaled(_body.Harmonics, 0.8));

        // Spine, placed so the spinous process tip lies a few mm inside the posterior muscle envelope.
        double yVb = envCy + envB - 78;
        _vertebraOuter = Blob.Random(rng, 0, yVb, Uniform(rng, 22, 26), Uniform(rng, 16, 19), 0, 0.05);
        _vertebraInner = _vertebraOuter.Grow(-Uniform(rng, 2.0, 3.0));
        _canal = new Blob(0, yVb + 27, 11, 8);
        _arch = new Blob(0, yVb + 28, 16, 13);
        _spinous = new Blob(0, yVb + 54, 3.5, 19);
        _transverseR = new Blob(-37, yVb + 20, 19, 3.5, -0.15);
        _transverseL = new Blob(37, yVb + 20, 19, 3.5, 0.15);

        // Abdominal wall: the peritoneal cavity's outline runs 3 mm inside the envelope anteriorly (aponeuroses)
        // and just behind the transverse processes posteriorly; the obliques are a band of thickness tObl outside it.
        // Each muscle group has its own scale around the patient's muscle latent (people differ in which muscles
        // they keep), and a wobble of its outline.
        double tObl = (15 * ms * Uniform(rng, 0.7, 1.3)) + 3;
        double wiTop = envCy - envB + 3;
        double wiBottom = yVb + 18;
        _wallInner = new Blob(0, (wiTop + wiBottom) / 2, envA - tObl, (wiBottom - wiTop) / 2, 0, Scaled(_body.Harmonics, 0.6));
        _wallOuter = _wallInner.Grow(tObl);
        _wallPosteriorY = yVb + 24;

        double psoas = ms * Uniform(rng, 0.7, 1.3);
        double aPs = (17 * psoas) + 4;
        double bPs = (21 * psoas) + 4;
        _psoasR = Blob.Random(rng, -(21 + (0.9 * aPs)), yVb + 1, aPs * Uniform(rng, 0.9, 1.1), bPs, 0.35 + Uniform(rng, -0.2, 0.2), 0.18);
        _psoasL = Blob.Random(rng, 21 + (0.9 * aPs), yVb + 1, aPs * Uniform(rng, 0.9, 1.1), bPs, -0.35 + Uniform(rng, -0.2, 0.2), 0.18);
        double quadratus = ms * Uniform(rng, 0.7, 1.3);
        double aQl = (15 * quadratus) + 5;
        double bQl = (10 * quadratus) + 4;
        _quadratusR = Blob.Random(rng, -(58 + (6 * ms)), yVb + 22, aQl, bQl, 0.45 + Uniform(rng, -0.2, 0.2), 0.18);
        _quadratusL = Blob.Random(rng, 58 + (6 * ms), yVb + 22, aQl, bQl, -0.45 + Uniform(rng, -0.2, 0.2), 0.18);
        double erector = ms * Uniform(rng, 0.75, 1.25);
        double aEs = (28 * erector) + 9;
        double bEs = (20 * erector) + 6;
        _erectorR = Blob.Random(rng, -(3 + (0.95 * aEs)), yVb + 52, aEs, bEs, -0.12, 0.16);
        _erectorL = Blob.Random(rng, 3 + (0.95 * aEs), yVb + 52, aEs, bEs, 0.12, 0.16);
        double rectus = ms * Uniform(rng, 0.7, 1.3);
        double lineaHalf = 3 + (3 * Math.Max(0, fatZ)) + (rng.NextDouble() < 0.1 ? Uniform(rng, 5, 20) : 0); // diastasis recti
        double wR = 28 + (8 * rectus);
        double tR = (12 * rectus) + 3;
        _rectusR = RectusBlob(rng, -(lineaHalf + wR), wR, tR);
        _rectusL = RectusBlob(rng, lineaHalf + wR, wR, tR);
        _semilunarX = lineaHalf + (2 * wR) + 4;

        // Organs and vessels.
        double wiA = envA - tObl;
        _liver = rng.NextDouble() < 0.5 ? Blob.Random(rng, -(wiA - 30), yVb - 40, Uniform(rng, 18, 34), Uniform(rng, 26, 44), 0.3, 0.12) : null;
        _kidneyR = rng.NextDouble() < 0.85 ? Blob.Random(rng, -76, yVb - 2, Uniform(rng, 16, 22), Uniform(rng, 20, 27), -0.5, 0.12) : null;
        _kidneyL = rng.NextDouble() < 0.85 ? Blob.Random(rng, 76, yVb, Uniform(rng, 16, 22), Uniform(rng, 20, 27), 0.5, 0.12) : null;
        double rAo = Uniform(rng, 9, 12);
        _aorta = new Blob(12, yVb - 21 - rAo, rAo, rAo);
        _ivc = Blob.Random(rng, -18, yVb - 30, Uniform(rng, 10, 14), Uniform(rng, 7, 10), 0, 0.1);
        bool distended = rng.NextDouble() < 0.08;
        PlaceBowel(rng, wiA, yVb, fatZ * visceralShare * 2, distended);
        PlaceIntramuscularFat(rng, imatBoost * (sarcopenic ? 40 + (15 * Math.Max(0, fatZ)) : 10 + (6 * Math.Max(0, fatZ))));

        // Position on the table: off-centre and rolled by a few degrees; arms beside the body in about one patient
        // in six (trauma, frail patients), above the head otherwise; spinal fixation hardware in a few.
        bool armsDown = rng.NextDouble() < 0.17;
        bool metal = rng.NextDouble() < 0.04;
        double rotationDeg = 5 * Math.Clamp(Gauss(rng), -2.6, 2.6);
        _rotCos = Math.Cos(rotationDeg * Math.PI / 180);
        _rotSin = Math.Sin(rotationDeg * Math.PI / 180);
        _shiftX = 10 * Math.Clamp(Gauss(rng), -2.5, 2.5);
        _shiftY = Uniform(rng, -25, 15);
        _tableTopY = by + _shiftY + (bodyB * (1 + Math.Abs(rotationDeg) / 90.0)) + 1.5;
        if (armsDown)
        {
            _armR = ArmSection.Create(rng, -1, bodyA, by, fatZ, ms);
            _armL = ArmSection.Create(rng, +1, bodyA, by, fatZ, ms);
        }

        if (metal)
        {
            // Pedicle screws converge from the posterior elements into the vertebral body; rods run beside the spinous process.
            foreach (int side in new[] { -1, +1 })
            {
                _metal.Add(new Blob(side * 11, yVb + 8, 2.8, 22, side * -0.25));
                _metal.Add(new Blob(side * 20, yVb + 38, 3.0, 3.0));
            }
        }

        BodyHalfWidthMm = bodyA;
        LateralExtentMm = Math.Abs(_shiftX) + Math.Max(bodyA * 1.12, _armR is null ? 0 : Math.Max(_armR.OuterEdgeMm, _armL!.OuterEdgeMm));
        Traits = new L3PatientTraits(male ? "M" : "F", heightCm, sarcopenic, ms, fatZ, muscleHu, myosteatosis, visceralShare, rotationDeg, armsDown, metal);
    }

    /// <summary>The latents this patient was drawn from.</summary>
    public L3PatientTraits Traits { get; }

    /// <summary>Half-width of the body's outline before its shape harmonics (mm).</summary>
    public double BodyHalfWidthMm { get; }

    /// <summary>Largest distance (mm) of the body or an arm from the scanner's centre line, left or right.</summary>
    public double LateralExtentMm { get; }

    /// <summary>Centres of metal implants in scanner coordinates (mm), for streak artefacts; empty without implants.</summary>
    public IReadOnlyList<(double X, double Y)> MetalCentresMm => _metal.Select(m => ToScanner(m.Cx, m.Cy)).ToList();

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double Uniform(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());

    private static double[] Scaled(double[] h, double f) => h.Select(v => v * f).ToArray();

    private Blob RectusBlob(Random rng, double cx, double halfWidth, double thickness)
    {
        // Follow the curvature of the muscle envelope at cx: the anterior edge y(x) of its ellipse.
        double a = _envelope.A;
        double b = _envelope.B;
        double q = Math.Clamp(cx / a, -0.95, 0.95);
        double root = Math.Sqrt(1 - (q * q));
        double yTop = _envelope.Cy - (b * root);
        double slope = b * q / (a * root);
        double angle = Math.Atan(slope);
        double nx = -Math.Sin(angle);
        double ny = Math.Cos(angle);
        double inset = (thickness / 2) + 0.5;
        return Blob.Random(rng, cx + (nx * inset), yTop + (ny * inset), halfWidth, thickness / 2, angle, 0.08);
    }

    private void PlaceBowel(Random rng, double wiA, double yVb, double fatZ, bool distended)
    {
        // Colon: ascending on the patient's right, descending on the left, both with gas anteriorly.
        double rAsc = Uniform(rng, 16, 22);
        _bowel.Add(BowelLoop.Create(rng, -(wiA - rAsc - 6), yVb - 26, rAsc, gasFraction: Uniform(rng, 0.2, 0.7)));
        double rDesc = Uniform(rng, 10, 15);
        _bowel.Add(BowelLoop.Create(rng, wiA - rDesc - 8, yVb - 8, rDesc, gasFraction: Uniform(rng, 0.0, 0.6)));

        // Small bowel loops: leaner patients have less visceral fat between loops, so more of them.
        int target = (int)Math.Round(Math.Clamp(20 - (4 * fatZ), 10, 28));
        for (int attempt = 0; attempt < 600 && _bowel.Count < target + 2; attempt++)
        {
            double r = distended ? Uniform(rng, 14, 26) : Uniform(rng, 8, 16);
            double x = Uniform(rng, -wiA, wiA);
            double y = Uniform(rng, _wallInner.Cy - _wallInner.B, yVb - 10);
            if (!FitsInCavity(x, y, r))
            {
                continue;
            }

            bool overlaps = _bowel.Any(l => Math.Sqrt(((l.Cx - x) * (l.Cx - x)) + ((l.Cy - y) * (l.Cy - y))) < 0.92 * (l.Radius + r));
            if (!overlaps)
            {
                double roll = rng.NextDouble();
                double gas = roll < (distended ? 0.7 : 0.3) ? Uniform(rng, 0.5, 1.0) : roll < 0.55 ? Uniform(rng, 0.1, 0.4) : 0.0;
                _bowel.Add(BowelLoop.Create(rng, x, y, r, gas));
            }
        }
    }

    private bool FitsInCavity(double x, double y, double r)
    {
        for (int k = 0; k < 8; k++)
        {
            double a = k * Math.PI / 4;
            double px = x + ((r + 3) * Math.Cos(a));
            double py = y + ((r + 3) * Math.Sin(a));
            if (!_wallInner.Contains(px, py) || _psoasR.Contains(px, py) || _psoasL.Contains(px, py)
                || _vertebraOuter.Contains(px, py) || _aorta.Grow(2).Contains(px, py) || _ivc.Grow(2).Contains(px, py)
                || (_liver?.Contains(px, py) ?? false) || (_kidneyR?.Contains(px, py) ?? false) || (_kidneyL?.Contains(px, py) ?? false))
            {
                return false;
            }
        }

        return true;
    }

    private void PlaceIntramuscularFat(Random rng, double count)
    {
        double half = Math.Max(_body.A, _body.B) * 1.1;
        for (int attempt = 0, placed = 0; attempt < 4000 && placed < count; attempt++)
        {
            double x = Uniform(rng, -half, half);
            double y = Uniform(rng, _body.Cy - half, _body.Cy + half);
            L3Structure muscle = MuscleAt(x, y);
            if (muscle != L3Structure.Air)
            {
                double r = Uniform(rng, 1.0, 3.2);
                _imat[(int)muscle].Add(Blob.Random(rng, x, y, r, r * Uniform(rng, 0.5, 1.0), rng.NextDouble() * Math.PI, 0.2));
                placed++;
            }
        }
    }
}
