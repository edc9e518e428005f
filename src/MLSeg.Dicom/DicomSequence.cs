namespace MLSeg.Dicom;

/// <summary>A sequence element (VR SQ, or UN of undefined length read as SQ per PS3.5 §6.2.2): a list of item datasets.</summary>
public sealed class DicomSequence : DicomElement
{
    /// <summary>Creates a sequence holding <paramref name="items"/>.</summary>
    public DicomSequence(DicomTag tag, IReadOnlyList<DicomDataset> items, long offset = -1)
        : base(tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty, false, offset)
    {
        Items = items;
    }

    /// <summary>The items, in file order.</summary>
    public IReadOnlyList<DicomDataset> Items { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Tag} SQ {Keyword} [{Items.Count} items]";
}
