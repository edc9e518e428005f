using System.Text;

namespace MLSeg.Dicom;

/// <summary>Sequences, items and encapsulated pixel data (PS3.5 §7.5, §A.4).</summary>
internal sealed partial class DicomReader
{
    private DicomSequence ReadSequence(ref int pos, int end, DicomTag tag, bool undefinedLength, bool implicitLE, Encoding encoding, int depth, int start)
    {
        if (depth + 1 > MaxDepth)
        {
            throw Error(start, tag, $"sequences nest deeper than {MaxDepth} levels.");
        }

        // A UN element of undefined length holds a sequence encoded in implicit VR little endian (PS3.5 §6.2.2).
        bool savedExplicit = _explicitVR, savedBig = _bigEndian;
        if (implicitLE)
        {
            _explicitVR = false;
            _bigEndian = false;
        }

        try
        {
            var items = new List<DicomDataset>();
            while (true)
            {
                if (!undefinedLength && pos >= end)
                {
                    break;
                }

                if (end - pos < 8)
                {
                    throw Error(pos, tag, undefinedLength
                        ? "sequence of undefined length ends without a sequence delimiter; the file is truncated."
                        : $"{end - pos} bytes remain in the sequence where an item header (8 bytes) was expected.");
                }

                DicomTag itemTag = ReadTag(pos);
                uint length = ReadUInt32(pos + 4);
                if (itemTag == DicomTag.SequenceDelimitationItem)
                {
                    pos += 8;
                    if (undefinedLength)
                    {
                        break;
                    }

                    continue;
                }

                if (itemTag != DicomTag.Item)
                {
                    throw Error(pos, tag, $"found {itemTag} where a sequence item (FFFE,E000) was expected.");
                }

                pos += 8;
                if (length == uint.MaxValue)
                {
                    items.Add(ReadDataset(ref pos, end, encoding, depth + 1, untilItemDelimiter: true));
                    continue;
                }

                if (length > (uint)(end - pos))
                {
                    throw Error(pos - 8, tag, $"item length {length} exceeds the {end - pos} bytes that remain in the sequence.");
                }

                int itemEnd = pos + (int)length;
                items.Add(ReadDataset(ref pos, itemEnd, encoding, depth + 1));
            }

            return new DicomSequence(tag, items, start);
        }
        finally
        {
            _explicitVR = savedExplicit;
            _bigEndian = savedBig;
        }
    }

    private DicomFragments ReadFragments(ref int pos, int end, DicomTag tag, DicomVR vr, int start)
    {
        var fragments = new List<ReadOnlyMemory<byte>>();
        uint[]? offsets = null;
        while (true)
        {
            if (end - pos < 8)
            {
                throw Error(pos, tag, "encapsulated pixel data ends without a sequence delimiter; the file is truncated.");
            }

            DicomTag itemTag = ReadTag(pos);
            uint length = ReadUInt32(pos + 4);
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                pos += 8;
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw Error(pos, tag, $"found {itemTag} where a pixel data fragment item (FFFE,E000) was expected.");
            }

            if (length > (uint)(end - pos - 8))
            {
                throw Error(pos, tag, $"fragment length {length} exceeds the {end - pos - 8} bytes that remain.");
            }

            pos += 8;
            ReadOnlyMemory<byte> value = _data.Slice(pos, (int)length);
            pos += (int)length;
            if (offsets is null)
            {
                if (length % 4 != 0)
                {
                    throw Error(pos - (int)length - 8, tag, $"Basic Offset Table length {length} is not a multiple of 4.");
                }

                offsets = new uint[length / 4];
                for (int i = 0; i < offsets.Length; i++)
                {
                    offsets[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(value.Span[(i * 4)..]);
                }
            }
            else
            {
                fragments.Add(value);
            }
        }

        if (offsets is null)
        {
            throw Error(start, tag, "encapsulated pixel data has no Basic Offset Table item.");
        }

        return new DicomFragments(tag, vr, offsets, fragments, start);
    }
}
