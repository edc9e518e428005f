namespace MLSeg.Dicom.Imaging;

/// <summary>
/// Per-frame Modality LUT and geometry: top-level attributes, overridden for enhanced multi-frame objects by the
/// Shared and then the Per-frame Functional Groups (PS3.3 C.7.6.16).
/// </summary>
public sealed record DicomFrameGeometry(double? RescaleSlope, double? RescaleIntercept, double[]? PixelSpacingMm, double[]? ImagePositionPatient, double[]? ImageOrientationPatient)
{
    /// <summary>True when a rescale (Modality LUT) is present for the frame.</summary>
    public bool HasRescale => RescaleSlope is not null || RescaleIntercept is not null;

    /// <summary>Slope to apply (1 when absent).</summary>
    public double Slope => RescaleSlope ?? 1.0;

    /// <summary>Intercept to apply (0 when absent).</summary>
    public double Intercept => RescaleIntercept ?? 0.0;

    /// <summary>The geometry of frame <paramref name="frame"/> of <paramref name="dataset"/>.</summary>
    public static DicomFrameGeometry Of(DicomDataset dataset, int frame)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        (double? slope, double? intercept) = RescaleOf(dataset, frame);
        double[]? spacing = OptionalArray(dataset, DicomTag.PixelSpacing, 2);
        double[]? position = OptionalArray(dataset, DicomTag.ImagePositionPatient, 3);
        double[]? orientation = OptionalArray(dataset, DicomTag.ImageOrientationPatient, 6);
        foreach (DicomDataset group in Groups(dataset, frame))
        {
            if (group.TryGetSequence(DicomTag.PixelMeasuresSequence) is { Items.Count: > 0 } pm)
            {
                spacing = OptionalArray(pm.Items[0], DicomTag.PixelSpacing, 2) ?? spacing;
            }

            if (group.TryGetSequence(DicomTag.PlanePositionSequence) is { Items.Count: > 0 } pp)
            {
                position = OptionalArray(pp.Items[0], DicomTag.ImagePositionPatient, 3) ?? position;
            }

            if (group.TryGetSequence(DicomTag.PlaneOrientationSequence) is { Items.Count: > 0 } po)
            {
                orientation = OptionalArray(po.Items[0], DicomTag.ImageOrientationPatient, 6) ?? orientation;
            }
        }

        return new DicomFrameGeometry(slope, intercept, spacing, position, orientation);
    }

    /// <summary>Only the Modality LUT of frame <paramref name="frame"/> (top level, then Shared, then Per-frame Functional Groups), for the decode path that needs nothing else.</summary>
    internal static (double? Slope, double? Intercept) RescaleOf(DicomDataset dataset, int frame)
    {
        double? slope = Optional(dataset, DicomTag.RescaleSlope);
        double? intercept = Optional(dataset, DicomTag.RescaleIntercept);
        foreach (DicomDataset group in Groups(dataset, frame))
        {
            if (group.TryGetSequence(DicomTag.PixelValueTransformationSequence) is { Items.Count: > 0 } pvt)
            {
                slope = Optional(pvt.Items[0], DicomTag.RescaleSlope) ?? slope;
                intercept = Optional(pvt.Items[0], DicomTag.RescaleIntercept) ?? intercept;
            }
        }

        return (slope, intercept);
    }

    private static IEnumerable<DicomDataset> Groups(DicomDataset dataset, int frame)
    {
        if (dataset.TryGetSequence(DicomTag.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared)
        {
            yield return shared.Items[0];
        }

        if (dataset.TryGetSequence(DicomTag.PerFrameFunctionalGroupsSequence) is { } perFrame && frame < perFrame.Items.Count)
        {
            yield return perFrame.Items[frame];
        }
    }

    private static double? Optional(DicomDataset ds, DicomTag tag) => ds.TryGetDouble(tag, out double v) ? v : null;

    private static double[]? OptionalArray(DicomDataset ds, DicomTag tag, int count)
    {
        if (!ds.Contains(tag))
        {
            return null;
        }

        double[] v = ds.GetDoubles(tag);
        return v.Length == 0 ? null : v.Length == count ? v
            : throw new DicomFormatException(ds.Source, ds.Find(tag)?.Offset ?? -1, tag, $"has {v.Length} values; {count} were expected.");
    }
}
