namespace MLSeg.Core.Imaging;

/// <summary>
/// In-plane pixel spacing in millimetres, in DICOM's order (PS3.3 C.7.6.2.1.1 PixelSpacing):
/// <see cref="RowMm"/> is the distance between the centres of adjacent rows (the vertical step, along Y),
/// <see cref="ColumnMm"/> the distance between adjacent columns (the horizontal step, along X).
/// </summary>
public readonly record struct PixelSpacing(double RowMm, double ColumnMm)
{
    /// <summary>1 mm × 1 mm, for images that carry no spacing (PNG, natural images).</summary>
    public static PixelSpacing Unit { get; } = new(1.0, 1.0);

    /// <summary>Area of one pixel in mm².</summary>
    public double PixelAreaMm2 => RowMm * ColumnMm;

    /// <summary>Throws when either spacing is not a finite positive number.</summary>
    public void Validate(string what)
    {
        if (!(RowMm > 0) || !(ColumnMm > 0) || !double.IsFinite(RowMm) || !double.IsFinite(ColumnMm))
        {
            throw new ArgumentOutOfRangeException(what, $"Pixel spacing of {what} must be finite and > 0 mm; got row {RowMm}, column {ColumnMm}.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{RowMm}x{ColumnMm} mm");
}
