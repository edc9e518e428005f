using MLSeg.Core.Imaging;
using MLSeg.Dicom.Imaging;

namespace MLSeg.Dicom.Seg;

/// <summary>
/// Builds a BINARY Segmentation (PS3.3 A.51) from label maps aligned with their source images: one frame per
/// (segment, source image) where the label occurs, 1-bit packed pixel data, per-frame source references and positions.
/// </summary>
public static class DicomSegmentationWriter
{
    /// <summary>Creates the Segmentation; <paramref name="labels"/> maps each label value (≥ 1) to its segment label.</summary>
    public static DicomFile CreateBinary(IReadOnlyList<DicomFile> sources, IReadOnlyList<LabelMap> maps, IReadOnlyDictionary<byte, string> labels)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(labels);
        if (sources.Count == 0 || sources.Count != maps.Count)
        {
            throw new ArgumentException($"Need one label map per source image; got {sources.Count} sources and {maps.Count} maps.", nameof(maps));
        }

        if (labels.Count == 0 || labels.Keys.Any(k => k == 0))
        {
            throw new ArgumentException("Segment labels need at least one value, all ≥ 1 (0 is background).", nameof(labels));
        }

        DicomDataset first = sources[0].Dataset;
        int rows = first.GetInt32(DicomTag.Rows), columns = first.GetInt32(DicomTag.Columns);
        for (int i = 0; i < maps.Count; i++)
        {
            if (maps[i].Height != rows || maps[i].Width != columns)
            {
                throw new ArgumentException($"Label map {i} is {maps[i].Height}x{maps[i].Width}; the source images are {rows}x{columns}.", nameof(maps));
            }
        }

        var ds = new DicomDataset();
        ds.AddString(DicomTag.SOPClassUID, DicomVR.UI, DicomSegmentation.SegmentationStorage);
        ds.AddString(DicomTag.SOPInstanceUID, DicomVR.UI, DicomImageBuilder.NewUid());
        ds.AddString(DicomTag.Modality, DicomVR.CS, "SEG");
        foreach (DicomTag t in new[] { DicomTag.PatientName, DicomTag.PatientID, DicomTag.StudyInstanceUID, DicomTag.FrameOfReferenceUID })
        {
            if (first.Find(t) is { } e)
            {
                ds.Add(e);
            }
        }

        ds.AddString(DicomTag.SeriesInstanceUID, DicomVR.UI, DicomImageBuilder.NewUid());
        ds.AddString(new DicomTag(0x0062, 0x0001), DicomVR.CS, "BINARY");
        ds.AddSequence(new DicomTag(0x0062, 0x0002), labels.OrderBy(l => l.Key).Select(l => Segment(l.Key, l.Value)).ToArray());

        var perFrame = new List<DicomDataset>();
        var frames = new List<(LabelMap Map, byte Value)>();
        foreach (byte value in labels.Keys.Order())
        {
            for (int i = 0; i < sources.Count; i++)
            {
                if (Array.IndexOf(maps[i].Labels, value) >= 0)
                {
                    frames.Add((maps[i], value));
                    perFrame.Add(FrameGroup(sources[i], value));
                }
            }
        }

        if (frames.Count == 0)
        {
            throw new ArgumentException("No label value of the segments occurs in any map; a Segmentation needs at least one frame.", nameof(maps));
        }

        ds.AddIntegerString(DicomTag.NumberOfFrames, frames.Count);
        ds.AddUInt16(DicomTag.SamplesPerPixel, 1);
        ds.AddString(DicomTag.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTag.Rows, (ushort)rows);
        ds.AddUInt16(DicomTag.Columns, (ushort)columns);
        ds.AddUInt16(DicomTag.BitsAllocated, 1);
        ds.AddUInt16(DicomTag.BitsStored, 1);
        ds.AddUInt16(DicomTag.HighBit, 0);
        ds.AddUInt16(DicomTag.PixelRepresentation, 0);
        ds.AddString(new DicomTag(0x0028, 0x2110), DicomVR.CS, "NO"); // LossyImageCompression
        ds.AddSequence(DicomTag.SharedFunctionalGroupsSequence, SharedGroup(sources[0]));
        ds.AddSequence(DicomTag.PerFrameFunctionalGroupsSequence, [.. perFrame]);

        // 1-bit frames are packed back to back, first pixel in the least significant bit (PS3.5 §8.1.1).
        int plane = rows * columns;
        var bits = new byte[(((long)plane * frames.Count) + 7) / 8];
        for (int f = 0; f < frames.Count; f++)
        {
            byte[] l = frames[f].Map.Labels;
            for (int p = 0; p < plane; p++)
            {
                if (l[p] == frames[f].Value)
                {
                    long bit = ((long)f * plane) + p;
                    bits[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
            }
        }

        ds.AddBytes(DicomTag.PixelData, DicomVR.OB, bits);
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian, "<segmentation>");
    }

    private static DicomDataset Segment(byte number, string label)
    {
        var s = new DicomDataset();
        s.AddUInt16(new DicomTag(0x0062, 0x0004), number);
        s.AddString(new DicomTag(0x0062, 0x0005), DicomVR.LO, label);
        s.AddString(new DicomTag(0x0062, 0x0008), DicomVR.CS, "AUTOMATIC");
        s.AddString(new DicomTag(0x0062, 0x0009), DicomVR.LO, "MLSeg");
        s.AddSequence(new DicomTag(0x0062, 0x0003), Code("91723000", "SCT", "Anatomical Structure")); // SegmentedPropertyCategoryCodeSequence
        s.AddSequence(new DicomTag(0x0062, 0x000F), Code("85756007", "SCT", "Tissue"));               // SegmentedPropertyTypeCodeSequence
        return s;
    }

    private static DicomDataset Code(string value, string scheme, string meaning)
    {
        var c = new DicomDataset();
        c.AddString(new DicomTag(0x0008, 0x0100), DicomVR.SH, value);
        c.AddString(new DicomTag(0x0008, 0x0102), DicomVR.SH, scheme);
        c.AddString(new DicomTag(0x0008, 0x0104), DicomVR.LO, meaning);
        return c;
    }

    private static DicomDataset SharedGroup(DicomFile source)
    {
        var shared = new DicomDataset();
        var measures = new DicomDataset();
        if (source.Dataset.Find(DicomTag.PixelSpacing) is { } spacing)
        {
            measures.Add(spacing);
        }

        if (source.Dataset.Find(DicomTag.SliceThickness) is { } thickness)
        {
            measures.Add(thickness);
        }

        shared.AddSequence(DicomTag.PixelMeasuresSequence, measures);
        if (source.Dataset.Find(DicomTag.ImageOrientationPatient) is { } orientation)
        {
            var po = new DicomDataset();
            po.Add(orientation);
            shared.AddSequence(DicomTag.PlaneOrientationSequence, po);
        }

        return shared;
    }

    private static DicomDataset FrameGroup(DicomFile source, byte segment)
    {
        var group = new DicomDataset();
        var sourceImage = new DicomDataset();
        sourceImage.AddString(DicomTag.ReferencedSOPClassUID, DicomVR.UI, source.Dataset.GetString(DicomTag.SOPClassUID));
        sourceImage.AddString(DicomTag.ReferencedSOPInstanceUID, DicomVR.UI, source.Dataset.GetString(DicomTag.SOPInstanceUID));
        var derivation = new DicomDataset();
        derivation.AddSequence(new DicomTag(0x0008, 0x2112), sourceImage);
        group.AddSequence(new DicomTag(0x0008, 0x9124), derivation);
        if (source.Dataset.Find(DicomTag.ImagePositionPatient) is { } position)
        {
            var pp = new DicomDataset();
            pp.Add(position);
            group.AddSequence(DicomTag.PlanePositionSequence, pp);
        }

        var id = new DicomDataset();
        id.AddUInt16(new DicomTag(0x0062, 0x000B), segment);
        group.AddSequence(new DicomTag(0x0062, 0x000A), id);
        return group;
    }
}
