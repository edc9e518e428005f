using MLSeg.Core.Imaging;
using MLSeg.ImageIO;

namespace MLSeg.IO;

/// <summary>
/// Loads label masks from any format MLSeg reads (.npy, .png, .nii/.nii.gz, and DICOM-SEG once a DICOM reader is
/// registered with <see cref="Readers"/>), choosing the reader by content rather than by extension.
/// </summary>
public static class MaskFiles
{
    /// <summary>The content-sniffing loader used for masks and images (built-in readers plus registered ones).</summary>
    public static ImageLoader Readers { get; } = new ImageLoader(new DicomImageReader());

    /// <summary>Loads <paramref name="path"/> as a 2-D label map (a 3-D file must hold exactly one slice).</summary>
    public static LabelMap Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Mask file '{path}' does not exist.", path);
        }

        return Readers.Load(path).AsLabelMap();
    }
}
