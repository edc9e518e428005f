using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.ImageIO;

/// <summary>
/// What <see cref="ImageLoader"/> read: either a 2-D <see cref="Image"/> (PNG, 2-D NPY) or one or more
/// <see cref="Volumes"/> (NIfTI, 3-D NPY). The As… methods convert with explicit checks, never silently.
/// </summary>
public sealed class LoadedImage
{
    /// <summary>A 2-D result.</summary>
    public LoadedImage(string file, string format, Image2D image)
    {
        File = file;
        Format = format;
        Image = image ?? throw new ArgumentNullException(nameof(image));
        Volumes = [];
    }

    /// <summary>A volumetric result (one entry per time point for 4-D data).</summary>
    public LoadedImage(string file, string format, IReadOnlyList<Volume> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentOutOfRangeException.ThrowIfZero(volumes.Count);
        File = file;
        Format = format;
        Volumes = volumes;
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary>Format name of the reader that read it.</summary>
    public string Format { get; }

    /// <summary>The 2-D image, or null for volumetric data.</summary>
    public Image2D? Image { get; }

    /// <summary>The volumes (empty for 2-D data).</summary>
    public IReadOnlyList<Volume> Volumes { get; }

    /// <summary>The 2-D image; a single volume of one slice is accepted as its slice. Anything else is an error.</summary>
    public Image2D AsImage2D()
    {
        if (Image is not null)
        {
            return Image;
        }

        if (Volumes.Count == 1 && Volumes[0].Depth == 1)
        {
            return Volumes[0].SliceImage(0);
        }

        throw new ImageFormatException(File, -1, $"holds {Volumes.Count} volume(s) of {Volumes[0].Depth} slices; a 2-D image was expected.");
    }

    /// <summary>The single volume; a 2-D single-channel image becomes a one-slice volume. 4-D data is an error.</summary>
    public Volume AsVolume()
    {
        if (Image is not null)
        {
            if (Image.Channels != 1)
            {
                throw new ImageFormatException(File, -1, $"is a {Image.Channels}-channel image; a scalar volume was expected.");
            }

            return new Volume(1, Image.Height, Image.Width, Image.Data, Image.SpacingMm);
        }

        if (Volumes.Count != 1)
        {
            throw new ImageFormatException(File, -1, $"holds {Volumes.Count} volumes; exactly one was expected.");
        }

        return Volumes[0];
    }

    /// <summary>The data as a label map (2-D, one channel, integer labels 0…255).</summary>
    public LabelMap AsLabelMap()
    {
        var image = AsImage2D();
        if (image.Channels != 1)
        {
            throw new ImageFormatException(File, -1, $"is a {image.Channels}-channel image; a label map needs one channel.");
        }

        return LabelConversion.ToLabelMap(File, image.Data, image.Height, image.Width, image.SpacingMm);
    }
}
