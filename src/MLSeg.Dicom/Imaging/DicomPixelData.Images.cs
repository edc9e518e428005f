using MLSeg.Core.Imaging;

namespace MLSeg.Dicom.Imaging;

/// <summary>Frames as MLSeg.Core images, after the Modality LUT (PS3.3 C.11.1: value = stored × slope + intercept).</summary>
public sealed partial class DicomPixelData
{
    /// <summary>The geometry and rescale of frame <paramref name="frame"/>.</summary>
    public DicomFrameGeometry Geometry(int frame) => DicomFrameGeometry.Of(_file.Dataset, frame);

    /// <summary>Frame <paramref name="frame"/> after the Modality LUT, with its pixel spacing (1×1 mm when the file states none).</summary>
    public Image2D GetImage(int frame)
    {
        double[] stored = GetFrame(frame);
        DicomFrameGeometry g = Geometry(frame);
        var data = new float[stored.Length];
        double slope = g.Slope, intercept = g.Intercept;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((stored[i] * slope) + intercept);
        }

        return new Image2D(SamplesPerPixel, Rows, Columns, data, Spacing(g, _file.Name));
    }

    /// <summary>
    /// All frames of a single-sample image as a volume after the Modality LUT. Slice spacing and direction come from
    /// the first two frames' ImagePositionPatient along the normal; a multi-frame object without positions throws.
    /// </summary>
    public Volume GetVolume()
    {
        if (SamplesPerPixel != 1)
        {
            throw new DicomFormatException(_file.Name, -1, DicomTag.SamplesPerPixel, $"is {SamplesPerPixel}; a volume needs single-sample frames.");
        }

        int plane = Rows * Columns;
        var data = new float[(long)plane * NumberOfFrames];
        for (int f = 0; f < NumberOfFrames; f++)
        {
            GetImage(f).Data.CopyTo(data, (long)f * plane);
        }

        DicomFrameGeometry first = Geometry(0);
        double[] orientation = first.ImageOrientationPatient ?? [1, 0, 0, 0, 1, 0];
        double[] normal = Cross(orientation);
        double sliceSpacing = 1.0;
        if (NumberOfFrames > 1)
        {
            double[] p0 = first.ImagePositionPatient ?? throw NoPositions();
            double[] p1 = Geometry(1).ImagePositionPatient ?? throw NoPositions();
            sliceSpacing = Math.Abs(((p1[0] - p0[0]) * normal[0]) + ((p1[1] - p0[1]) * normal[1]) + ((p1[2] - p0[2]) * normal[2]));
            if (!(sliceSpacing > 0))
            {
                throw new DicomFormatException(_file.Name, -1, DicomTag.ImagePositionPatient, "frames 0 and 1 have the same position along the slice normal.");
            }
        }

        double[] direction = [orientation[0], orientation[1], orientation[2], orientation[3], orientation[4], orientation[5], normal[0], normal[1], normal[2]];
        return new Volume(NumberOfFrames, Rows, Columns, data, Spacing(first, _file.Name), sliceSpacing, first.ImagePositionPatient, direction);
    }

    /// <summary>The frame's PixelSpacing; 1×1 mm when the file states none (secondary capture), an error when it states a non-positive one.</summary>
    internal static PixelSpacing Spacing(DicomFrameGeometry g, string file)
    {
        if (g.PixelSpacingMm is not { } s)
        {
            return PixelSpacing.Unit;
        }

        if (!(s[0] > 0) || !(s[1] > 0) || !double.IsFinite(s[0]) || !double.IsFinite(s[1]))
        {
            throw new DicomFormatException(file, -1, DicomTag.PixelSpacing, $"values {s[0]}\\{s[1]} are not positive finite millimetres.");
        }

        return new PixelSpacing(s[0], s[1]);
    }

    private static double[] Cross(double[] o) =>
        [(o[1] * o[5]) - (o[2] * o[4]), (o[2] * o[3]) - (o[0] * o[5]), (o[0] * o[4]) - (o[1] * o[3])];

    private DicomFormatException NoPositions() =>
        new(_file.Name, -1, DicomTag.ImagePositionPatient, "is missing for a multi-frame object, so slice spacing is unknown.");
}
