using MLSeg.Core.Imaging;

namespace MLSeg.Charts.Overlays;

/// <summary>One contour drawn over the image: the border of the pixels of <see cref="Mask"/> whose label is ≥ 1 (or equals <see cref="Label"/>).</summary>
public sealed record OverlayLayer
{
    /// <summary>Creates a layer of <paramref name="mask"/> drawn in (<paramref name="red"/>, <paramref name="green"/>, <paramref name="blue"/>), components in [0, 1].</summary>
    public OverlayLayer(LabelMap mask, float red, float green, float blue)
    {
        ArgumentNullException.ThrowIfNull(mask);
        foreach (float c in (ReadOnlySpan<float>)[red, green, blue])
        {
            if (!(c >= 0 && c <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(red), $"Colour components must lie in [0, 1]; got ({red}, {green}, {blue}).");
            }
        }

        Mask = mask;
        Red = red;
        Green = green;
        Blue = blue;
    }

    /// <summary>The label map.</summary>
    public LabelMap Mask { get; }

    /// <summary>Draw only this label's border; null draws the border of all foreground (label ≥ 1) as one region.</summary>
    public byte? Label { get; init; }

    /// <summary>The layer's name in a chart legend (e.g. <c>reference</c>, <c>prediction</c>); null names it by position.</summary>
    public string? Name { get; init; }

    /// <summary>Red in [0, 1].</summary>
    public float Red { get; }

    /// <summary>Green in [0, 1].</summary>
    public float Green { get; }

    /// <summary>Blue in [0, 1].</summary>
    public float Blue { get; }
}
