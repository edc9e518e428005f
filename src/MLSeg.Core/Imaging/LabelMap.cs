namespace MLSeg.Core.Imaging;

/// <summary>
/// A 2-D integer label map in (Y, X) order: 0 = background, 1…255 = classes (muscle, LV, myocardium, …).
/// </summary>
public sealed class LabelMap
{
    /// <summary>Creates a label map over <paramref name="labels"/> (not copied) or a new zeroed buffer.</summary>
    public LabelMap(int height, int width, byte[]? labels = null, PixelSpacing? spacing = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long count = (long)height * width;
        if (labels is not null && labels.Length != count)
        {
            throw new ArgumentException($"Buffer holds {labels.Length} labels; a {height}x{width} map needs {count}.", nameof(labels));
        }

        Height = height;
        Width = width;
        Labels = labels ?? new byte[count];
        SpacingMm = spacing ?? PixelSpacing.Unit;
        SpacingMm.Validate(nameof(spacing));
    }

    /// <summary>Number of rows (Y).</summary>
    public int Height { get; }

    /// <summary>Number of columns (X).</summary>
    public int Width { get; }

    /// <summary>Labels, row-major.</summary>
    public byte[] Labels { get; }

    /// <summary>In-plane spacing in mm.</summary>
    public PixelSpacing SpacingMm { get; }

    /// <summary>Label at row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public byte this[int y, int x]
    {
        get => Labels[(y * Width) + x];
        set => Labels[(y * Width) + x] = value;
    }

    /// <summary>Largest label value present (0 for an empty map).</summary>
    public int MaxLabel()
    {
        byte max = 0;
        foreach (byte b in Labels)
        {
            if (b > max)
            {
                max = b;
            }
        }

        return max;
    }

    /// <summary>Number of pixels whose label equals <paramref name="label"/>.</summary>
    public int Count(byte label)
    {
        int n = 0;
        foreach (byte b in Labels)
        {
            if (b == label)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>A binary mask (true where the label equals <paramref name="label"/>).</summary>
    public bool[] Mask(byte label)
    {
        var mask = new bool[Labels.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = Labels[i] == label;
        }

        return mask;
    }

    /// <summary>A deep copy.</summary>
    public LabelMap Clone() => new(Height, Width, (byte[])Labels.Clone(), SpacingMm);

    /// <inheritdoc />
    public override string ToString() => $"LabelMap {Height}x{Width} @ {SpacingMm}";
}
