using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>
/// One data element: tag, VR and its value bytes as found in the file (not copied; byte order given by
/// <see cref="IsBigEndian"/>). Typed accessors decode on demand.
/// </summary>
public class DicomElement
{
    private readonly ReadOnlyMemory<byte> _value;

    /// <summary>Creates an element over <paramref name="value"/> (not copied).</summary>
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, bool isBigEndian = false, long offset = -1, Encoding? textEncoding = null)
    {
        Tag = tag;
        VR = vr;
        _value = value;
        IsBigEndian = isBigEndian;
        Offset = offset;
        TextEncoding = textEncoding ?? Encoding.Latin1;
    }

    /// <summary>Creates an element whose value stays on disk until used (see <see cref="DicomDeferredValue"/>).</summary>
    internal DicomElement(DicomTag tag, DicomVR vr, DicomDeferredValue deferred, bool isBigEndian, long offset, Encoding textEncoding)
        : this(tag, vr, ReadOnlyMemory<byte>.Empty, isBigEndian, offset, textEncoding)
    {
        Deferred = deferred;
    }

    /// <summary>The tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The VR (explicit in the file, or from the dictionary for implicit VR).</summary>
    public DicomVR VR { get; }

    /// <summary>The raw value bytes (even length in a valid file). A large Pixel Data value left on disk by <see cref="DicomFile.Open"/> is read here on first use.</summary>
    public ReadOnlyMemory<byte> Value => Deferred is { } d ? d.Load() : _value;

    /// <summary>The value length in bytes, without reading a value left on disk.</summary>
    internal int ValueLength => Deferred?.Length ?? _value.Length;

    /// <summary>The on-disk source of the value when it has not been read at open; null for values in memory.</summary>
    internal DicomDeferredValue? Deferred { get; }

    /// <summary>True when binary values are big endian (Explicit VR Big Endian).</summary>
    public bool IsBigEndian { get; }

    /// <summary>Byte offset of the element's tag in the file (or inflated stream), −1 when built in memory.</summary>
    public long Offset { get; }

    /// <summary>The encoding for text VRs affected by Specific Character Set (PS3.5 §6.1.2.3).</summary>
    public Encoding TextEncoding { get; }

    /// <summary>The PS3.6 keyword of the tag, or an empty string.</summary>
    public string Keyword => DicomDictionary.Keyword(Tag);

    /// <summary>The value as text: decoded per the character set, trailing spaces and NULs removed.</summary>
    public string GetText()
    {
        Encoding enc = DicomVRInfo.UsesCharacterSet(VR) ? TextEncoding : Encoding.Latin1;
        return enc.GetString(Value.Span).TrimEnd(' ', '\0');
    }

    /// <summary>The values of a multi-valued text element (split at backslash), each trimmed of padding.</summary>
    public string[] GetTexts()
    {
        string text = GetText();
        if (text.Length == 0)
        {
            return [];
        }

        // LT, ST, UT are single-valued and may contain a backslash (PS3.5 §6.2).
        if (VR is DicomVR.LT or DicomVR.ST or DicomVR.UT)
        {
            return [text];
        }

        string[] parts = text.Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim(' ', '\0');
        }

        return parts;
    }

    /// <summary>Number of values: binary values for numeric VRs, backslash-separated values for text.</summary>
    public int Count => DicomVRInfo.IsText(VR) ? GetTexts().Length : Value.Length / DicomVRInfo.ValueSize(VR);

    /// <summary>
    /// All values as doubles: US/SS/UL/SL/FL/FD/OW… read binary (in the file's byte order), DS/IS parsed as text.
    /// Throws <see cref="FormatException"/> when a text value is not a number.
    /// </summary>
    public double[] GetDoubles()
    {
        if (DicomVRInfo.IsText(VR))
        {
            string[] texts = GetTexts();
            var result = new double[texts.Length];
            for (int i = 0; i < texts.Length; i++)
            {
                if (!double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                {
                    throw new FormatException($"{Tag} {Keyword} value {i} '{texts[i]}' is not a number (VR {VR}).");
                }
            }

            return result;
        }

        ReadOnlySpan<byte> b = Value.Span;
        int size = DicomVRInfo.ValueSize(VR);
        int n = b.Length / size;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = ReadBinary(b.Slice(i * size, size));
        }

        return values;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tag} {VR} {Keyword} [{Value.Length} bytes]";

    private double ReadBinary(ReadOnlySpan<byte> s) => (VR, IsBigEndian) switch
    {
        (DicomVR.US or DicomVR.OW or DicomVR.AT, false) => BinaryPrimitives.ReadUInt16LittleEndian(s),
        (DicomVR.US or DicomVR.OW or DicomVR.AT, true) => BinaryPrimitives.ReadUInt16BigEndian(s),
        (DicomVR.SS, false) => BinaryPrimitives.ReadInt16LittleEndian(s),
        (DicomVR.SS, true) => BinaryPrimitives.ReadInt16BigEndian(s),
        (DicomVR.UL or DicomVR.OL, false) => BinaryPrimitives.ReadUInt32LittleEndian(s),
        (DicomVR.UL or DicomVR.OL, true) => BinaryPrimitives.ReadUInt32BigEndian(s),
        (DicomVR.SL, false) => BinaryPrimitives.ReadInt32LittleEndian(s),
        (DicomVR.SL, true) => BinaryPrimitives.ReadInt32BigEndian(s),
        (DicomVR.FL or DicomVR.OF, false) => BinaryPrimitives.ReadSingleLittleEndian(s),
        (DicomVR.FL or DicomVR.OF, true) => BinaryPrimitives.ReadSingleBigEndian(s),
        (DicomVR.FD or DicomVR.OD, false) => BinaryPrimitives.ReadDoubleLittleEndian(s),
        (DicomVR.FD or DicomVR.OD, true) => BinaryPrimitives.ReadDoubleBigEndian(s),
        (DicomVR.SV, false) => BinaryPrimitives.ReadInt64LittleEndian(s),
        (DicomVR.SV, true) => BinaryPrimitives.ReadInt64BigEndian(s),
        (DicomVR.UV or DicomVR.OV, false) => BinaryPrimitives.ReadUInt64LittleEndian(s),
        (DicomVR.UV or DicomVR.OV, true) => BinaryPrimitives.ReadUInt64BigEndian(s),
        _ => s[0],
    };
}
