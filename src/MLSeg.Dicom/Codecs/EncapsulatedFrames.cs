using System.Buffers.Binary;

namespace MLSeg.Dicom.Codecs;

/// <summary>Finds one frame's bytes among encapsulated fragments (PS3.5 §A.4): Extended Offset Table, Basic Offset Table, or one fragment per frame.</summary>
internal static class EncapsulatedFrames
{
    public static byte[] Frame(DicomFile file, DicomFragments fragments, int frame, int frames)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> f = fragments.Fragments;
        if (f.Count == 0)
        {
            throw new DicomFormatException(file.Name, fragments.Offset, DicomTag.PixelData, "encapsulated pixel data holds no fragments.");
        }

        if (frames == 1)
        {
            return Concat(f, 0, f.Count);
        }

        // Fragment item positions measured from the first fragment's item tag, as offset tables count them.
        var starts = new long[f.Count + 1];
        for (int i = 0; i < f.Count; i++)
        {
            starts[i + 1] = starts[i] + 8 + f[i].Length;
        }

        if (file.Dataset.Find(DicomTag.ExtendedOffsetTable) is { } eot && file.Dataset.Find(DicomTag.ExtendedOffsetTableLengths) is { } eotl)
        {
            if (eot.Value.Length < (frame + 1) * 8 || eotl.Value.Length < (frame + 1) * 8)
            {
                throw new DicomFormatException(file.Name, eot.Offset, DicomTag.ExtendedOffsetTable, $"has fewer than {frame + 1} entries.");
            }

            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(eot.Value.Span[(frame * 8)..]);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(eotl.Value.Span[(frame * 8)..]);
            int index = Array.IndexOf(starts, (long)offset);
            if (index < 0 || index >= f.Count || length > (ulong)f[index].Length)
            {
                throw new DicomFormatException(file.Name, eot.Offset, DicomTag.ExtendedOffsetTable, $"entry {frame} (offset {offset}, length {length}) does not start a fragment.");
            }

            return f[index][..(int)length].ToArray();
        }

        uint[] bot = fragments.BasicOffsetTable;
        if (bot.Length > 0)
        {
            if (bot.Length != frames)
            {
                throw new DicomFormatException(file.Name, fragments.Offset, DicomTag.PixelData, $"Basic Offset Table has {bot.Length} entries for {frames} frames.");
            }

            int first = Array.IndexOf(starts, (long)bot[frame]);
            long endOffset = frame + 1 < frames ? bot[frame + 1] : starts[f.Count];
            int last = Array.IndexOf(starts, endOffset);
            if (first < 0 || last <= first || first >= f.Count)
            {
                throw new DicomFormatException(file.Name, fragments.Offset, DicomTag.PixelData, $"Basic Offset Table entry {frame} ({bot[frame]}) does not start a fragment.");
            }

            return Concat(f, first, last - first);
        }

        if (f.Count == frames)
        {
            return f[frame].ToArray();
        }

        throw new DicomFormatException(file.Name, fragments.Offset, DicomTag.PixelData,
            $"{f.Count} fragments for {frames} frames and no offset table: frame boundaries are unknown.");
    }

    private static byte[] Concat(IReadOnlyList<ReadOnlyMemory<byte>> f, int first, int count)
    {
        long total = 0;
        for (int i = first; i < first + count; i++)
        {
            total += f[i].Length;
        }

        var result = new byte[total];
        long pos = 0;
        for (int i = first; i < first + count; i++)
        {
            f[i].Span.CopyTo(result.AsSpan((int)pos));
            pos += f[i].Length;
        }

        return result;
    }
}
