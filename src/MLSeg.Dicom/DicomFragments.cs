namespace MLSeg.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table (first item, may be empty) and the fragments that
/// follow it. Fragment bytes are not copied.
/// </summary>
public sealed class DicomFragments : DicomElement
{
    /// <summary>Creates encapsulated pixel data.</summary>
    public DicomFragments(DicomTag tag, DicomVR vr, uint[] basicOffsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments, long offset = -1)
        : base(tag, vr, ReadOnlyMemory<byte>.Empty, false, offset)
    {
        BasicOffsetTable = basicOffsetTable;
        Fragments = fragments;
    }

    /// <summary>Byte offsets of each frame's first fragment, measured from the first byte of the first fragment's item tag.</summary>
    public uint[] BasicOffsetTable { get; }

    /// <summary>The fragments' value bytes, in file order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Tag} {VR} {Keyword} [encapsulated, {Fragments.Count} fragments]";
}
