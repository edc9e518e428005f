namespace MLSeg.Synthetic.Mr;

/// <summary>Main magnetic field of a synthetic MR scanner; changes contrast, B1 inhomogeneity and noise.</summary>
public enum FieldStrength
{
    /// <summary>1.5 T: mild bias field, bSSFP contrast.</summary>
    T1p5,

    /// <summary>3 T: moderate bias field.</summary>
    T3,

    /// <summary>7 T: strong B1 inhomogeneity (radial fall-off with dark lobes), reduced blood–myocardium contrast.</summary>
    T7,
}
