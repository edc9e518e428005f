using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>Typed setters that encode values as explicit VR little endian would store them.</summary>
public sealed partial class DicomDataset
{
    /// <summary>Sets a text element (values joined by backslash); <paramref name="vr"/> must be a text VR.</summary>
    public void AddString(DicomTag tag, DicomVR vr, params string[] values)
    {
        if (!DicomVRInfo.IsText(vr))
        {
            throw new ArgumentException($"VR {vr} is not a text VR.", nameof(vr));
        }

        string text = string.Join('\\', values);
        Encoding enc = DicomVRInfo.UsesCharacterSet(vr) ? TextEncoding : Encoding.ASCII;
        Add(new DicomElement(tag, vr, enc.GetBytes(text), false, -1, TextEncoding));
    }

    /// <summary>Sets a Decimal String from numbers, each written in at most 16 characters (PS3.5 Table 6.2-1).</summary>
    public void AddDecimalString(DicomTag tag, params double[] values) =>
        AddString(tag, DicomVR.DS, values.Select(FormatDecimal).ToArray());

    /// <summary>Sets an Integer String.</summary>
    public void AddIntegerString(DicomTag tag, params int[] values) =>
        AddString(tag, DicomVR.IS, values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Sets an Unsigned Short (US) element.</summary>
    public void AddUInt16(DicomTag tag, params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        Add(new DicomElement(tag, DicomVR.US, bytes));
    }

    /// <summary>Sets a binary element with raw little-endian bytes (OB, OW, …).</summary>
    public void AddBytes(DicomTag tag, DicomVR vr, byte[] littleEndianValue) => Add(new DicomElement(tag, vr, littleEndianValue));

    /// <summary>Sets a sequence.</summary>
    public void AddSequence(DicomTag tag, params DicomDataset[] items) => Add(new DicomSequence(tag, items));

    private static string FormatDecimal(double v)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(v), $"A Decimal String cannot hold {v}.");
        }

        for (int digits = 15; digits > 0; digits--)
        {
            string s = v.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (s.Length <= 16)
            {
                return s;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(v), $"{v} does not fit a 16-character Decimal String.");
    }
}
