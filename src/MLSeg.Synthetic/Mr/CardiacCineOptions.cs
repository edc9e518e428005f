namespace MLSeg.Synthetic.Mr;

/// <summary>Settings of the cardiac cine MRI phantom. Defaults live in <see cref="Defaults"/>.</summary>
public sealed record CardiacCineOptions
{
    /// <summary>Image rows and columns (square).</summary>
    public int SizePx { get; init; } = Defaults.SizePx;

    /// <summary>Field of view in mm; pixel spacing is FieldOfViewMm / SizePx.</summary>
    public double FieldOfViewMm { get; init; } = Defaults.FieldOfViewMm;

    /// <summary>Short-axis slices from base (0) to apex.</summary>
    public int Slices { get; init; } = Defaults.Slices;

    /// <summary>Frames per cardiac cycle; frame 0 is end-diastole.</summary>
    public int Frames { get; init; } = Defaults.Frames;

    /// <summary>Scanner field strength.</summary>
    public FieldStrength Field { get; init; } = FieldStrength.T1p5;

    /// <summary>Label the right-ventricular blood pool as 3.</summary>
    public bool IncludeRightVentricle { get; init; } = true;

    /// <summary>SliceThickness in mm (also the slice spacing).</summary>
    public double SliceThicknessMm { get; init; } = Defaults.SliceThicknessMm;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SizePx, 32, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SizePx, 2048, nameof(SizePx));
        ArgumentOutOfRangeException.ThrowIfLessThan(FieldOfViewMm, 200, nameof(FieldOfViewMm));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Slices, nameof(Slices));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Slices, 30, nameof(Slices));
        ArgumentOutOfRangeException.ThrowIfLessThan(Frames, 4, nameof(Frames));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Frames, 60, nameof(Frames));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SliceThicknessMm, nameof(SliceThicknessMm));
        if (!Enum.IsDefined(Field))
        {
            throw new ArgumentOutOfRangeException(nameof(Field), Field, "Unknown field strength.");
        }
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>192 px.</summary>
        public const int SizePx = 192;

        /// <summary>340 mm, a thoracic field of view.</summary>
        public const double FieldOfViewMm = 340;

        /// <summary>8 short-axis slices.</summary>
        public const int Slices = 8;

        /// <summary>20 frames per cycle.</summary>
        public const int Frames = 20;

        /// <summary>8 mm slices, usual for cine.</summary>
        public const double SliceThicknessMm = 8;
    }
}
