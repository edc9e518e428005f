namespace MLSeg.Synthetic.Ct;

/// <content>Point classification: which structure lies at a point of the slice.</content>
internal sealed partial class L3Anatomy
{
    /// <summary>
    /// The structure at (x, y) mm in scanner coordinates (origin at the centre of the reconstruction). The patient
    /// lies shifted and rolled on the table; the table stays where the scanner puts it.
    /// </summary>
    public L3Structure Classify(double x, double y)
    {
        (double px, double py) = ToPatient(x, y);
        L3Structure s = ClassifyPatient(px, py);
        if (s == L3Structure.Air && _armR is not null)
        {
            s = _armR.At(px, py);
            if (s == L3Structure.Air)
            {
                s = _armL!.At(px, py);
            }
        }

        return s == L3Structure.Air ? TableAt(x, y) : s;
    }

    private (double X, double Y) ToPatient(double x, double y)
    {
        double dx = x - _shiftX;
        double dy = y - _shiftY;
        return ((_rotCos * dx) + (_rotSin * dy), (_rotCos * dy) - (_rotSin * dx));
    }

    private (double X, double Y) ToScanner(double px, double py)
        => ((_rotCos * px) - (_rotSin * py) + _shiftX, (_rotSin * px) + (_rotCos * py) + _shiftY);

    /// <summary>The table: a slightly concave carbon-fibre shell (2.5 mm) around a foam core, 30 mm deep, 480 mm wide.</summary>
    private L3Structure TableAt(double x, double y)
    {
        if (Math.Abs(x) > 240)
        {
            return L3Structure.Air;
        }

        double depth = y - (_tableTopY - (0.0006 * x * x));
        return depth switch
        {
            < 0 or > 30 => L3Structure.Air,
            <= 2.5 or >= 27.5 => L3Structure.TableShell,
            _ => L3Structure.TableCore,
        };
    }

    /// <summary>The structure at (px, py) mm in the patient's frame. Earlier tests win: metal over bone over muscle over fat over organs.</summary>
    private L3Structure ClassifyPatient(double x, double y)
    {
        if (!_body.Contains(x, y))
        {
            return L3Structure.Air;
        }

        if (!_skinInner.Contains(x, y))
        {
            return L3Structure.Skin;
        }

        foreach (var implant in _metal)
        {
            if (implant.Contains(x, y))
            {
                return L3Structure.Metal;
            }
        }

        if (_vertebraOuter.Contains(x, y))
        {
            return _vertebraInner.Contains(x, y) ? L3Structure.CancellousBone : L3Structure.CorticalBone;
        }

        if (_canal.Contains(x, y))
        {
            return L3Structure.SpinalCanal;
        }

        if (_arch.Contains(x, y) || _spinous.Contains(x, y) || _transverseR.Contains(x, y) || _transverseL.Contains(x, y))
        {
            return L3Structure.CorticalBone;
        }

        L3Structure muscle = MuscleAt(x, y);
        if (muscle != L3Structure.Air)
        {
            foreach (var patch in _imat[(int)muscle])
            {
                if (patch.Contains(x, y))
                {
                    return L3Structure.IntramuscularFat;
                }
            }

            return muscle;
        }

        if (!_envelope.Contains(x, y))
        {
            return L3Structure.SubcutaneousFat;
        }

        if (!_wallInner.Contains(x, y))
        {
            return y < _wallInner.Cy && Math.Abs(x) < _semilunarX ? L3Structure.Fascia : L3Structure.OtherFat;
        }

        if (_aorta.Contains(x, y) || _ivc.Contains(x, y))
        {
            return L3Structure.Vessel;
        }

        if ((_kidneyR?.Contains(x, y) ?? false) || (_kidneyL?.Contains(x, y) ?? false))
        {
            return L3Structure.Kidney;
        }

        if (_liver?.Contains(x, y) ?? false)
        {
            return L3Structure.Liver;
        }

        foreach (var loop in _bowel)
        {
            L3Structure s = loop.At(x, y);
            if (s != L3Structure.Air)
            {
                return s;
            }
        }

        return L3Structure.VisceralFat;
    }

    /// <summary>The skeletal muscle at (x, y), or <see cref="L3Structure.Air"/> when the point is in none.</summary>
    private L3Structure MuscleAt(double x, double y)
    {
        if (_psoasR.Contains(x, y))
        {
            return L3Structure.PsoasRight;
        }

        if (_psoasL.Contains(x, y))
        {
            return L3Structure.PsoasLeft;
        }

        if (_quadratusR.Contains(x, y))
        {
            return L3Structure.QuadratusRight;
        }

        if (_quadratusL.Contains(x, y))
        {
            return L3Structure.QuadratusLeft;
        }

        if (!_envelope.Contains(x, y))
        {
            return L3Structure.Air;
        }

        if (_erectorR.Contains(x, y))
        {
            return L3Structure.ErectorRight;
        }

        if (_erectorL.Contains(x, y))
        {
            return L3Structure.ErectorLeft;
        }

        if (_rectusR.Contains(x, y))
        {
            return L3Structure.RectusRight;
        }

        if (_rectusL.Contains(x, y))
        {
            return L3Structure.RectusLeft;
        }

        if (Math.Abs(x) > _semilunarX && y < _wallPosteriorY && _wallOuter.Contains(x, y) && !_wallInner.Contains(x, y))
        {
            return x < 0 ? L3Structure.ObliquesRight : L3Structure.ObliquesLeft;
        }

        return L3Structure.Air;
    }
}
