namespace MLSeg.ImageIO.Png;

/// <summary>
/// A decoded PNG: samples interleaved per pixel in (Y, X, S) order, S = <see cref="SamplesPerPixel"/>.
/// Values are the stored values at the file's bit depth (a 4-bit grey pixel is 0…15, a 16-bit one 0…65535), except
/// that palette images are expanded to their PLTE entries (8-bit R, G, B, plus alpha from tRNS, 255 where absent).
/// </summary>
public sealed class PngRaster
{
    internal PngRaster(int width, int height, PngColorType colorType, int bitDepth, bool interlaced, int samplesPerPixel, ushort[] samples)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        BitDepth = bitDepth;
        Interlaced = interlaced;
        SamplesPerPixel = samplesPerPixel;
        Samples = samples;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Colour type from IHDR.</summary>
    public PngColorType ColorType { get; }

    /// <summary>Bit depth from IHDR (for palette images, the index depth).</summary>
    public int BitDepth { get; }

    /// <summary>True when the file used Adam7 interlacing.</summary>
    public bool Interlaced { get; }

    /// <summary>Samples per pixel in <see cref="Samples"/>: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA (palette: 4).</summary>
    public int SamplesPerPixel { get; }

    /// <summary>The samples, (Y, X, S) order.</summary>
    public ushort[] Samples { get; }

    /// <summary>True when the colour channels are R, G, B (truecolour or palette) rather than grey.</summary>
    public bool IsColor => ColorType is PngColorType.Rgb or PngColorType.Rgba or PngColorType.Palette;
}
