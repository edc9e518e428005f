namespace MLSeg.Dicom.Rt;

/// <summary>The ROIs of an RT Structure Set (PS3.3 C.8.8.5 Structure Set, C.8.8.6 ROI Contour).</summary>
public static class DicomRtStructureSet
{
    private static readonly DicomTag StructureSetROISequence = new(0x3006, 0x0020);
    private static readonly DicomTag ROINumber = new(0x3006, 0x0022);
    private static readonly DicomTag ROIName = new(0x3006, 0x0026);
    private static readonly DicomTag ROIContourSequence = new(0x3006, 0x0039);
    private static readonly DicomTag ReferencedROINumber = new(0x3006, 0x0084);
    private static readonly DicomTag ContourSequence = new(0x3006, 0x0040);
    private static readonly DicomTag ContourGeometricType = new(0x3006, 0x0042);
    private static readonly DicomTag ContourData = new(0x3006, 0x0050);
    private static readonly DicomTag ContourImageSequence = new(0x3006, 0x0016);

    /// <summary>Reads every ROI with its contours; throws <see cref="DicomFormatException"/> when the structure is malformed.</summary>
    public static IReadOnlyList<DicomRoi> Read(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomDataset ds = file.Dataset;
        var names = new Dictionary<int, string>();
        foreach (DicomDataset item in ds.GetSequence(StructureSetROISequence).Items)
        {
            names[item.GetInt32(ROINumber)] = item.TryGetString(ROIName) ?? string.Empty;
        }

        var contours = new Dictionary<int, List<DicomContour>>();
        foreach (DicomDataset rc in ds.TryGetSequence(ROIContourSequence)?.Items ?? [])
        {
            int number = rc.GetInt32(ReferencedROINumber);
            if (!names.ContainsKey(number))
            {
                throw new DicomFormatException(file.Name, -1, ReferencedROINumber, $"ROI contour refers to ROI {number}, which StructureSetROISequence lacks.");
            }

            var list = contours.TryGetValue(number, out var existing) ? existing : contours[number] = [];
            foreach (DicomDataset c in rc.TryGetSequence(ContourSequence)?.Items ?? [])
            {
                double[] points = c.GetDoubles(ContourData);
                if (points.Length % 3 != 0)
                {
                    throw new DicomFormatException(file.Name, c.Find(ContourData)?.Offset ?? -1, ContourData, $"has {points.Length} values, not a multiple of 3 (x, y, z).");
                }

                string? reference = c.TryGetSequence(ContourImageSequence) is { Items.Count: > 0 } images
                    ? images.Items[0].TryGetString(DicomTag.ReferencedSOPInstanceUID)
                    : null;
                list.Add(new DicomContour(c.TryGetString(ContourGeometricType) ?? string.Empty, points, reference));
            }
        }

        return names.OrderBy(n => n.Key)
            .Select(n => new DicomRoi(n.Key, n.Value, contours.TryGetValue(n.Key, out var l) ? l : []))
            .ToList();
    }
}
