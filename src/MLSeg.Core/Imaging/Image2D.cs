namespace MLSeg.Core.Imaging;

/// <summary>
/// A 2-D image of float32 samples, stored contiguously in (C, Y, X) order: channel-major, then rows, then columns.
/// Values are whatever the producing step defines (stored values, HU after the modality LUT, windowed [0,1], …).
/// </summary>
public sealed class Image2D
{
    /// <summary>Creates an image over <paramref name="data"/> (not copied) or a new zeroed buffer.</summary>
    public Image2D(int channels, int height, int width, float[]? data = null, PixelSpacing? spacing = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long count = (long)channels * height * width;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Image of {channels}x{height}x{width} is larger than one buffer can hold.");
        }

        if (data is not null && data.Length != count)
        {
            throw new ArgumentException($"Buffer holds {data.Length} samples; a {channels}x{height}x{width} image needs {count}.", nameof(data));
        }

        Channels = channels;
        Height = height;
        Width = width;
        Data = data ?? new float[count];
        SpacingMm = spacing ?? PixelSpacing.Unit;
        SpacingMm.Validate(nameof(spacing));
    }

    /// <summary>Number of channels (1 for CT/MR, 3 for RGB).</summary>
    public int Channels { get; }

    /// <summary>Number of rows (Y).</summary>
    public int Height { get; }

    /// <summary>Number of columns (X).</summary>
    public int Width { get; }

    /// <summary>The samples in (C, Y, X) order.</summary>
    public float[] Data { get; }

    /// <summary>In-plane spacing in mm.</summary>
    public PixelSpacing SpacingMm { get; }

    /// <summary>Samples per channel (Height × Width).</summary>
    public int PlaneSize => Height * Width;

    /// <summary>The samples of channel <paramref name="channel"/>, row-major.</summary>
    public Span<float> Channel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return Data.AsSpan(channel * PlaneSize, PlaneSize);
    }

    /// <summary>Sample at channel <paramref name="c"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public float this[int c, int y, int x]
    {
        get => Data[(((c * Height) + y) * Width) + x];
        set => Data[(((c * Height) + y) * Width) + x] = value;
    }

    /// <summary>A deep copy (new buffer) with the same geometry.</summary>
    public Image2D Clone() => new(Channels, Height, Width, (float[])Data.Clone(), SpacingMm);

    /// <summary>A new image of the same geometry over <paramref name="data"/>.</summary>
    public Image2D WithData(float[] data) => new(Channels, Height, Width, data, SpacingMm);

    /// <inheritdoc />
    public override string ToString() => $"Image2D {Channels}x{Height}x{Width} @ {SpacingMm}";
}
