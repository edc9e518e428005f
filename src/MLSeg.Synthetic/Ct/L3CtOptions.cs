namespace MLSeg.Synthetic.Ct;

/// <summary>Settings of the L3 CT phantom. Defaults live in <see cref="Defaults"/>.</summary>
public sealed record L3CtOptions
{
    /// <summary>Image rows and columns (square), e.g. 512 or 128.</summary>
    public int SizePx { get; init; } = Defaults.SizePx;

    /// <summary>
    /// Nominal field of view in mm. Each patient's reconstruction field of view varies around it (0.85–1.15 ×, widened
    /// to fit the body up to 1.25 ×, narrower than the body in a few truncated cases); pixel spacing is the patient's
    /// field of view over SizePx.
    /// </summary>
    public double FieldOfViewMm { get; init; } = Defaults.FieldOfViewMm;

    /// <summary>Annotator masks per image besides the truth (0 = none).</summary>
    public int Observers { get; init; }

    /// <summary>Label subcutaneous (2) and visceral (3) fat as well as muscle (1).</summary>
    public bool IncludeFatLabels { get; init; } = true;

    /// <summary>Peak boundary displacement of an observer's smooth random jitter, in mm.</summary>
    public double ObserverJitterMm { get; init; } = Defaults.ObserverJitterMm;

    /// <summary>Probability that an observer leaves out one quadratus lumborum.</summary>
    public double ObserverOmissionProbability { get; init; } = Defaults.ObserverOmissionProbability;

    /// <summary>SliceThickness in mm (sets the partial-volume blur together with the in-plane spacing).</summary>
    public double SliceThicknessMm { get; init; } = Defaults.SliceThicknessMm;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SizePx, 32, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SizePx, 4096, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfLessThan(FieldOfViewMm, 250, nameof(FieldOfViewMm));
        ArgumentOutOfRangeException.ThrowIfNegative(Observers, nameof(Observers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Observers, 16, nameof(Observers));
        ArgumentOutOfRangeException.ThrowIfNegative(ObserverJitterMm, nameof(ObserverJitterMm));
        if (ObserverOmissionProbability is < 0 or > 1 || double.IsNaN(ObserverOmissionProbability))
        {
            throw new ArgumentOutOfRangeException(nameof(ObserverOmissionProbability), $"Omission probability must be in [0, 1]; got {ObserverOmissionProbability}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SliceThicknessMm, nameof(SliceThicknessMm));
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>512 px, the usual CT matrix.</summary>
        public const int SizePx = 512;

        /// <summary>400 mm, an abdominal field of view.</summary>
        public const double FieldOfViewMm = 400;

        /// <summary>Peak boundary jitter in mm; gives a mean pairwise muscle Dice of about 0.93 at 512 px.</summary>
        public const double ObserverJitterMm = 1.6;

        /// <summary>One observer in five leaves out a quadratus lumborum.</summary>
        public const double ObserverOmissionProbability = 0.2;

        /// <summary>5 mm slices, common for body CT.</summary>
        public const double SliceThicknessMm = 5;
    }
}
