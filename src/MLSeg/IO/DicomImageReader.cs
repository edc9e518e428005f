using MLSeg.Core.Imaging;
using MLSeg.Dicom;
using MLSeg.Dicom.Imaging;
using MLSeg.Dicom.Seg;
using MLSeg.ImageIO;

namespace MLSeg.IO;

/// <summary>
/// Plugs DICOM into <see cref="ImageLoader"/>: CT/MR images come back after the Modality LUT (HU for CT) with their
/// pixel spacing; a DICOM-SEG comes back as a label map (segment number = label value, later segments win where
/// segments overlap).
/// </summary>
public sealed class DicomImageReader : IImageReader
{
    /// <inheritdoc />
    public string FormatName => "DICOM";

    /// <inheritdoc />
    public bool CanRead(ReadOnlySpan<byte> header) =>
        header.Length >= 132 && header[128] == (byte)'D' && header[129] == (byte)'I' && header[130] == (byte)'C' && header[131] == (byte)'M';

    /// <inheritdoc />
    public LoadedImage Read(string path)
    {
        DicomFile file = DicomFile.Open(path);
        if (file.Dataset.TryGetString(DicomTag.SOPClassUID) == DicomSegmentation.SegmentationStorage)
        {
            return new LoadedImage(path, FormatName, SegmentationImage(DicomSegmentation.Read(file)));
        }

        var pixels = DicomPixelData.Create(file);
        Volume volume = pixels.GetVolume();
        return volume.Depth == 1 ? new LoadedImage(path, FormatName, pixels.GetImage(0)) : new LoadedImage(path, FormatName, [volume]);
    }

    private static Image2D SegmentationImage(DicomSegmentation seg)
    {
        var labels = new float[seg.Rows * seg.Columns];
        foreach (DicomSegmentFrame frame in seg.Frames)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                if (frame.Mask[i] >= 0.5f)
                {
                    labels[i] = frame.SegmentNumber;
                }
            }
        }

        return new Image2D(1, seg.Rows, seg.Columns, labels);
    }
}
