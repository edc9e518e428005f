namespace MLSeg.Dicom.Imaging;

/// <summary>
/// Statistics over every decoded stored value (all frames, all samples) and, where a Modality LUT rescale is
/// present, over the rescaled values — the numbers <c>mlseg dicom stats</c> prints.
/// </summary>
public sealed record DicomStatistics(string File, string? TransferSyntax, int Rows, int Columns, int Frames, int SamplesPerPixel,
    double Min, double Max, double Mean, double? ModMin, double? ModMax, double? ModMean)
{
    /// <summary>Decodes every frame of <paramref name="file"/> and summarises it; throws <see cref="DicomFormatException"/> when it cannot.</summary>
    public static DicomStatistics Compute(DicomFile file, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomPixelData pixels = DicomPixelData.Create(file);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        double mMin = double.PositiveInfinity, mMax = double.NegativeInfinity, mSum = 0;
        bool rescaled = false;
        long count = 0;
        for (int f = 0; f < pixels.NumberOfFrames; f++)
        {
            double[] values = pixels.GetFrame(f);
            DicomFrameGeometry g = pixels.Geometry(f);
            rescaled |= g.HasRescale;
            double slope = g.Slope, intercept = g.Intercept;
            foreach (double v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                double m = (v * slope) + intercept;
                mMin = Math.Min(mMin, m);
                mMax = Math.Max(mMax, m);
                mSum += m;
            }

            count += values.Length;
        }

        return new DicomStatistics(displayName ?? file.Name, file.TransferSyntaxUid, pixels.Rows, pixels.Columns, pixels.NumberOfFrames,
            pixels.SamplesPerPixel, min, max, sum / count, rescaled ? mMin : null, rescaled ? mMax : null, rescaled ? mSum / count : null);
    }
}
