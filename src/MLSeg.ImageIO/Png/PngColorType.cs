namespace MLSeg.ImageIO.Png;

/// <summary>PNG colour types (PNG spec §11.2.2, IHDR).</summary>
public enum PngColorType
{
    /// <summary>Greyscale, bit depth 1, 2, 4, 8 or 16.</summary>
    Gray = 0,

    /// <summary>Truecolour RGB, bit depth 8 or 16.</summary>
    Rgb = 2,

    /// <summary>Indexed colour (PLTE), bit depth 1, 2, 4 or 8.</summary>
    Palette = 3,

    /// <summary>Greyscale with alpha, bit depth 8 or 16.</summary>
    GrayAlpha = 4,

    /// <summary>Truecolour with alpha, bit depth 8 or 16.</summary>
    Rgba = 6,
}
