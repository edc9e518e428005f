using System.Buffers.Binary;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>
/// Parses a dataset from a byte buffer (PS3.5 §7). Every length is checked against the bytes that remain before
/// anything is sliced; values are slices of the buffer, not copies. Nesting deeper than <see cref="MaxDepth"/> fails.
/// </summary>
internal sealed partial class DicomReader
{
    /// <summary>Deepest sequence nesting accepted; real files nest a handful of levels.</summary>
    public const int MaxDepth = 32;

    private readonly ReadOnlyMemory<byte> _data;
    private readonly string _source;
    private readonly DicomDeferral? _deferral;
    private bool _explicitVR;
    private bool _bigEndian;

    /// <param name="data">The bytes to parse; with <paramref name="deferral"/>, the first bytes of the file only.</param>
    /// <param name="source">File name for messages.</param>
    /// <param name="explicitVR">Explicit VR transfer syntax.</param>
    /// <param name="bigEndian">Big-endian transfer syntax.</param>
    /// <param name="deferral">When given, a top-level Pixel Data value that runs past <paramref name="data"/> to the end of the file is left on disk.</param>
    public DicomReader(ReadOnlyMemory<byte> data, string source, bool explicitVR, bool bigEndian, DicomDeferral? deferral = null)
    {
        _data = data;
        _source = source;
        _explicitVR = explicitVR;
        _bigEndian = bigEndian;
        _deferral = deferral;
    }

    /// <summary>Reads elements from <paramref name="pos"/> to <paramref name="end"/>, or while their group is <paramref name="onlyGroup"/> when given.</summary>
    public DicomDataset ReadDataset(ref int pos, int end, Encoding encoding, int depth, bool untilItemDelimiter = false, ushort? onlyGroup = null)
    {
        if (depth > MaxDepth)
        {
            throw Error(pos, null, $"sequences nest deeper than {MaxDepth} levels.");
        }

        var dataset = new DicomDataset(_source, encoding);
        while (pos < end)
        {
            if (end - pos < 8)
            {
                throw Error(pos, null, $"{end - pos} bytes remain where an element header (8 bytes or more) was expected; the file is truncated.");
            }

            DicomTag tag = ReadTag(pos);
            if (onlyGroup is { } g && tag.Group != g)
            {
                return dataset;
            }

            if (tag == DicomTag.ItemDelimitationItem)
            {
                if (!untilItemDelimiter)
                {
                    throw Error(pos, tag, "item delimiter outside an item of undefined length.");
                }

                pos += 8;
                return dataset;
            }

            if (tag == DicomTag.Item || tag == DicomTag.SequenceDelimitationItem)
            {
                throw Error(pos, tag, "item tag where a data element was expected; a sequence length is wrong.");
            }

            DicomElement element = ReadElement(ref pos, end, tag, dataset.TextEncoding, depth);
            dataset.Add(element);
            if (tag == DicomTag.SpecificCharacterSet)
            {
                try
                {
                    dataset.TextEncoding = DicomCharacterSets.FromSpecificCharacterSet(element.GetTexts());
                }
                catch (NotSupportedException ex)
                {
                    throw Error(element.Offset, tag, ex.Message);
                }
            }
        }

        if (untilItemDelimiter)
        {
            throw Error(pos, null, "an item of undefined length ends without an item delimiter; the file is truncated.");
        }

        return dataset;
    }

    private DicomElement ReadElement(ref int pos, int end, DicomTag tag, Encoding encoding, int depth)
    {
        int start = pos;
        ReadOnlySpan<byte> s = _data.Span;
        DicomVR vr;
        uint length;
        int header;
        if (_explicitVR)
        {
            if (!DicomVRInfo.TryParse(s[pos + 4], s[pos + 5], out vr))
            {
                throw Error(pos, tag, $"bytes 0x{s[pos + 4]:X2} 0x{s[pos + 5]:X2} are not a value representation (explicit VR expected).");
            }

            if (DicomVRInfo.HasLongLength(vr))
            {
                if (end - pos < 12)
                {
                    throw Error(pos, tag, "element header is truncated.");
                }

                length = ReadUInt32(pos + 8);
                header = 12;
            }
            else
            {
                length = ReadUInt16(pos + 6);
                header = 8;
            }
        }
        else
        {
            vr = DicomDictionary.VR(tag);
            length = ReadUInt32(pos + 4);
            header = 8;
        }

        pos += header;
        if (length == uint.MaxValue)
        {
            if (tag == DicomTag.PixelData)
            {
                return ReadFragments(ref pos, end, tag, vr, start);
            }

            if (vr is DicomVR.SQ or DicomVR.UN)
            {
                return ReadSequence(ref pos, end, tag, undefinedLength: true, implicitLE: vr == DicomVR.UN, encoding, depth, start);
            }

            throw Error(start, tag, $"VR {vr} cannot have undefined length (0xFFFFFFFF).");
        }

        if (length > (uint)(end - pos))
        {
            // The value of Pixel Data, last in the file, runs past the bytes read so far: leave it on disk.
            if (_deferral is { } d && depth == 0 && tag == DicomTag.PixelData && vr != DicomVR.SQ && length <= int.MaxValue && pos + (long)length == d.FileLength)
            {
                var deferred = new DicomDeferredValue(d.Path, pos, (int)length, d.FileLength, d.LastWriteUtc);
                pos = end;
                return new DicomElement(tag, vr, deferred, _bigEndian, start, encoding);
            }

            throw Error(start, tag, $"value length {length} exceeds the {end - pos} bytes that remain; the file is truncated or the length is corrupt.");
        }

        int valueEnd = pos + (int)length;
        if (vr == DicomVR.SQ)
        {
            DicomSequence seq = ReadSequence(ref pos, valueEnd, tag, undefinedLength: false, implicitLE: false, encoding, depth, start);
            pos = valueEnd;
            return seq;
        }

        var element = new DicomElement(tag, vr, _data.Slice(pos, (int)length), _bigEndian, start, encoding);
        pos = valueEnd;
        return element;
    }

    private DicomTag ReadTag(int pos) => new(ReadUInt16(pos), ReadUInt16(pos + 2));

    private ushort ReadUInt16(int pos) => _bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(_data.Span[pos..])
        : BinaryPrimitives.ReadUInt16LittleEndian(_data.Span[pos..]);

    private uint ReadUInt32(int pos) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_data.Span[pos..])
        : BinaryPrimitives.ReadUInt32LittleEndian(_data.Span[pos..]);

    private DicomFormatException Error(long pos, DicomTag? tag, string problem) => new(_source, pos, tag, problem);
}
