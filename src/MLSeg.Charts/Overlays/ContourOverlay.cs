using MLSeg.Core.Imaging;

namespace MLSeg.Charts.Overlays;

/// <summary>
/// Renders mask contours over a windowed grey image as an RGB <see cref="Image2D"/> (3 channels, values in [0, 1]);
/// the caller saves it (e.g. with MLSeg.ImageIO's PNG writer).
/// </summary>
public static class ContourOverlay
{
    /// <summary>Reference contour colour (green).</summary>
    public static readonly (float R, float G, float B) TruthColor = (0f, 0.85f, 0.25f);

    /// <summary>
    /// Windows channel 0 of <paramref name="image"/> linearly to [0, 1] (values ≤ center − width/2 are black, ≥ center + width/2
    /// white) and paints the border pixels of each layer in order, so later layers draw over earlier ones.
    /// A border pixel is a mask pixel with a 4-neighbour outside the mask or outside the image.
    /// </summary>
    public static Image2D Render(Image2D image, double windowCenter, double windowWidth, IReadOnlyList<OverlayLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(layers);
        if (!(windowWidth > 0) || !double.IsFinite(windowWidth) || !double.IsFinite(windowCenter))
        {
            throw new ArgumentOutOfRangeException(nameof(windowWidth), $"Window width must be finite and > 0 (center must be finite); got center {windowCenter}, width {windowWidth}.");
        }

        int h = image.Height, w = image.Width;
        foreach (var layer in layers)
        {
            if (layer.Mask.Height != h || layer.Mask.Width != w)
            {
                throw new ArgumentException($"Mask of {layer.Mask.Height}x{layer.Mask.Width} does not match the {h}x{w} image.", nameof(layers));
            }
        }

        var rgb = new Image2D(3, h, w, spacing: image.SpacingMm);
        ReadOnlySpan<float> src = image.Channel(0);
        Span<float> r = rgb.Channel(0), g = rgb.Channel(1), b = rgb.Channel(2);
        double low = windowCenter - (windowWidth / 2);
        for (int i = 0; i < src.Length; i++)
        {
            float v = (float)Math.Clamp((src[i] - low) / windowWidth, 0, 1);
            r[i] = v;
            g[i] = v;
            b[i] = v;
        }

        foreach (var layer in layers)
        {
            bool[] border = Border(layer.Mask, layer.Label);
            for (int i = 0; i < border.Length; i++)
            {
                if (border[i])
                {
                    r[i] = layer.Red;
                    g[i] = layer.Green;
                    b[i] = layer.Blue;
                }
            }
        }

        return rgb;
    }

    /// <summary>Border pixels of the region (label == <paramref name="label"/>, or ≥ 1 when null), row-major.</summary>
    public static bool[] Border(LabelMap mask, byte? label)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int h = mask.Height, w = mask.Width;
        ReadOnlySpan<byte> m = mask.Labels;
        var border = new bool[m.Length];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                if (!Inside(m[i], label))
                {
                    continue;
                }

                border[i] = y == 0 || x == 0 || y == h - 1 || x == w - 1
                    || !Inside(m[i - w], label) || !Inside(m[i + w], label) || !Inside(m[i - 1], label) || !Inside(m[i + 1], label);
            }
        }

        return border;
    }

    private static bool Inside(byte value, byte? label) => label is { } l ? value == l : value != 0;
}
