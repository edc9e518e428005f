using MLSeg.Core.Imaging;

namespace MLSeg.Training.Data;

/// <summary>
/// One training pair: an image (C, H, W), already windowed and normalised, and its class-index map of the same size.
/// </summary>
public sealed record SegmentationSample
{
    /// <summary>Pairs <paramref name="image"/> with <paramref name="labels"/>; their sizes must agree.</summary>
    public SegmentationSample(Image2D image, LabelMap labels)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        if (image.Height != labels.Height || image.Width != labels.Width)
        {
            throw new ArgumentException($"Image is {image.Height}x{image.Width} but its label map is {labels.Height}x{labels.Width}.", nameof(labels));
        }

        Image = image;
        Labels = labels;
    }

    /// <summary>The image (C, H, W).</summary>
    public Image2D Image { get; }

    /// <summary>Class indices (H, W); 0 is background.</summary>
    public LabelMap Labels { get; }
}
