namespace MLSeg.Core.Imaging;

/// <summary>
/// A 3-D scalar volume of float32 samples in (Z, Y, X) order: slices, then rows, then columns.
/// Geometry follows DICOM's patient coordinate system (LPS, mm): <see cref="OriginMm"/> is the centre of the first
/// voxel, <see cref="Direction"/> holds the row direction (X axis), column direction (Y axis) and slice normal (Z axis)
/// as three unit vectors.
/// </summary>
public sealed class Volume
{
    /// <summary>Creates a volume over <paramref name="data"/> (not copied) or a new zeroed buffer.</summary>
    public Volume(int depth, int height, int width, float[]? data = null, PixelSpacing? inPlane = null, double sliceSpacingMm = 1.0,
        double[]? originMm = null, double[]? direction = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long count = (long)depth * height * width;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Volume of {depth}x{height}x{width} is larger than one buffer can hold.");
        }

        if (data is not null && data.Length != count)
        {
            throw new ArgumentException($"Buffer holds {data.Length} samples; a {depth}x{height}x{width} volume needs {count}.", nameof(data));
        }

        if (!(sliceSpacingMm > 0) || !double.IsFinite(sliceSpacingMm))
        {
            throw new ArgumentOutOfRangeException(nameof(sliceSpacingMm), $"Slice spacing must be finite and > 0 mm; got {sliceSpacingMm}.");
        }

        if (originMm is not null && originMm.Length != 3)
        {
            throw new ArgumentException($"Origin needs 3 values (x, y, z mm); got {originMm.Length}.", nameof(originMm));
        }

        if (direction is not null && direction.Length != 9)
        {
            throw new ArgumentException($"Direction needs 9 values (row, column, normal unit vectors); got {direction.Length}.", nameof(direction));
        }

        Depth = depth;
        Height = height;
        Width = width;
        Data = data ?? new float[count];
        SpacingMm = inPlane ?? PixelSpacing.Unit;
        SpacingMm.Validate(nameof(inPlane));
        SliceSpacingMm = sliceSpacingMm;
        OriginMm = originMm ?? [0, 0, 0];
        Direction = direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1];
    }

    /// <summary>Number of slices (Z).</summary>
    public int Depth { get; }

    /// <summary>Number of rows (Y).</summary>
    public int Height { get; }

    /// <summary>Number of columns (X).</summary>
    public int Width { get; }

    /// <summary>The samples in (Z, Y, X) order.</summary>
    public float[] Data { get; }

    /// <summary>In-plane spacing in mm.</summary>
    public PixelSpacing SpacingMm { get; }

    /// <summary>Distance between adjacent slice centres in mm.</summary>
    public double SliceSpacingMm { get; }

    /// <summary>Centre of voxel (0,0,0) in patient coordinates (mm).</summary>
    public double[] OriginMm { get; }

    /// <summary>Row direction, column direction and slice normal, 3 values each.</summary>
    public double[] Direction { get; }

    /// <summary>The samples of slice <paramref name="z"/>, row-major.</summary>
    public Span<float> Slice(int z)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(z, Depth);
        return Data.AsSpan(z * Height * Width, Height * Width);
    }

    /// <summary>Slice <paramref name="z"/> copied into a 1-channel <see cref="Image2D"/>.</summary>
    public Image2D SliceImage(int z) => new(1, Height, Width, Slice(z).ToArray(), SpacingMm);

    /// <inheritdoc />
    public override string ToString() => $"Volume {Depth}x{Height}x{Width} @ {SpacingMm}, {SliceSpacingMm} mm slices";
}
