using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Seg;

/// <summary>A DICOM Segmentation (PS3.3 A.51, C.8.20): its segments and its frames decoded to masks.</summary>
public sealed class DicomSegmentation
{
    /// <summary>Segmentation Storage SOP Class.</summary>
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    private static readonly DicomTag SegmentationType = new(0x0062, 0x0001);
    private static readonly DicomTag SegmentSequence = new(0x0062, 0x0002);
    private static readonly DicomTag SegmentNumber = new(0x0062, 0x0004);
    private static readonly DicomTag SegmentLabel = new(0x0062, 0x0005);
    private static readonly DicomTag SegmentIdentificationSequence = new(0x0062, 0x000A);
    private static readonly DicomTag ReferencedSegmentNumber = new(0x0062, 0x000B);
    private static readonly DicomTag MaximumFractionalValue = new(0x0062, 0x000E);
    private static readonly DicomTag DerivationImageSequence = new(0x0008, 0x9124);
    private static readonly DicomTag SourceImageSequence = new(0x0008, 0x2112);

    private DicomSegmentation(string type, IReadOnlyDictionary<int, string> segments, IReadOnlyList<DicomSegmentFrame> frames, int rows, int columns)
    {
        Type = type;
        Segments = segments;
        Frames = frames;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>BINARY or FRACTIONAL.</summary>
    public string Type { get; }

    /// <summary>Segment number → label.</summary>
    public IReadOnlyDictionary<int, string> Segments { get; }

    /// <summary>The frames in file order.</summary>
    public IReadOnlyList<DicomSegmentFrame> Frames { get; }

    /// <summary>Rows of each mask.</summary>
    public int Rows { get; }

    /// <summary>Columns of each mask.</summary>
    public int Columns { get; }

    /// <summary>Reads the segments and decodes every frame; throws <see cref="DicomFormatException"/> when the object is not a valid Segmentation.</summary>
    public static DicomSegmentation Read(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        DicomDataset ds = file.Dataset;
        string type = ds.TryGetString(SegmentationType)
            ?? throw new DicomFormatException(file.Name, -1, SegmentationType, "is missing: not a Segmentation object.");
        if (type is not ("BINARY" or "FRACTIONAL"))
        {
            throw new DicomFormatException(file.Name, -1, SegmentationType, $"is '{type}'; expected BINARY or FRACTIONAL.");
        }

        var segments = new Dictionary<int, string>();
        foreach (DicomDataset s in ds.GetSequence(SegmentSequence).Items)
        {
            segments[s.GetInt32(SegmentNumber)] = s.TryGetString(SegmentLabel) ?? string.Empty;
        }

        double scale = 1.0;
        if (type == "FRACTIONAL")
        {
            scale = ds.GetDouble(MaximumFractionalValue);
            if (!(scale > 0))
            {
                throw new DicomFormatException(file.Name, -1, MaximumFractionalValue, $"is {scale}; it must be > 0.");
            }
        }

        DicomPixelData px = DicomPixelData.Create(file);
        DicomSequence? perFrame = ds.TryGetSequence(DicomTag.PerFrameFunctionalGroupsSequence);
        DicomSequence? shared = ds.TryGetSequence(DicomTag.SharedFunctionalGroupsSequence);
        var frames = new List<DicomSegmentFrame>(px.NumberOfFrames);
        for (int f = 0; f < px.NumberOfFrames; f++)
        {
            DicomDataset? group = perFrame is not null && f < perFrame.Items.Count ? perFrame.Items[f] : null;
            DicomDataset? segmentItem = (group?.TryGetSequence(SegmentIdentificationSequence) ?? shared?.Items.FirstOrDefault()?.TryGetSequence(SegmentIdentificationSequence))
                ?.Items.FirstOrDefault();
            int segment = segmentItem?.GetInt32(ReferencedSegmentNumber)
                ?? throw new DicomFormatException(file.Name, -1, SegmentIdentificationSequence, $"frame {f} names no segment.");
            if (!segments.ContainsKey(segment))
            {
                throw new DicomFormatException(file.Name, -1, ReferencedSegmentNumber, $"frame {f} refers to segment {segment}, which SegmentSequence lacks.");
            }

            string? source = group?.TryGetSequence(DerivationImageSequence)?.Items.FirstOrDefault()
                ?.TryGetSequence(SourceImageSequence)?.Items.FirstOrDefault()?.TryGetString(DicomTag.ReferencedSOPInstanceUID);
            double[] stored = px.GetFrame(f);
            var mask = new float[stored.Length];
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = (float)(stored[i] / scale);
            }

            frames.Add(new DicomSegmentFrame(f, segment, source, px.Geometry(f).ImagePositionPatient, mask));
        }

        return new DicomSegmentation(type, segments, frames, px.Rows, px.Columns);
    }
}
