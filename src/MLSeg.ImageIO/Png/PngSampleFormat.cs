namespace MLSeg.ImageIO.Png;

/// <summary>What <see cref="PngWriter"/> stores.</summary>
public enum PngSampleFormat
{
    /// <summary>8-bit greyscale (values 0…255).</summary>
    Gray8,

    /// <summary>16-bit greyscale (values 0…65535).</summary>
    Gray16,

    /// <summary>8-bit RGB (3-channel image, values 0…255).</summary>
    Rgb8,
}
