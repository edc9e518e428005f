using System.Buffers.Binary;
using System.Text;

namespace MLSeg.Dicom.Tests;

/// <summary>Builds little-endian DICOM byte streams by hand for parser tests (explicit or implicit VR).</summary>
internal sealed class DicomBytes
{
    private readonly MemoryStream _stream = new();
    private readonly bool _explicit;

    public DicomBytes(bool explicitVR = true) => _explicit = explicitVR;

    public static byte[] Part10(string transferSyntaxUid, byte[] dataset)
    {
        var meta = new DicomBytes();
        meta.Text(0x0002, 0x0010, "UI", transferSyntaxUid + (transferSyntaxUid.Length % 2 == 1 ? "\0" : string.Empty));
        byte[] m = meta.ToArray();
        var all = new byte[132 + m.Length + dataset.Length];
        "DICM"u8.CopyTo(all.AsSpan(128));
        m.CopyTo(all, 132);
        dataset.CopyTo(all, 132 + m.Length);
        return all;
    }

    public DicomBytes Text(ushort group, ushort element, string vr, string value, Encoding? encoding = null)
    {
        byte[] v = (encoding ?? Encoding.Latin1).GetBytes(value);
        if (v.Length % 2 == 1)
        {
            v = [.. v, (byte)' '];
        }

        return Raw(group, element, vr, v);
    }

    public DicomBytes UInt16(ushort group, ushort element, ushort value)
    {
        var v = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(v, value);
        return Raw(group, element, "US", v);
    }

    public DicomBytes Raw(ushort group, ushort element, string vr, byte[] value, uint? lengthOverride = null)
    {
        Tag(group, element);
        uint length = lengthOverride ?? (uint)value.Length;
        if (_explicit)
        {
            _stream.Write(Encoding.ASCII.GetBytes(vr));
            if (vr is "OB" or "OW" or "SQ" or "UN" or "UT" or "UC" or "UR" or "OF" or "OD" or "OL")
            {
                _stream.Write([0, 0]);
                U32(length);
            }
            else
            {
                U16((ushort)length);
            }
        }
        else
        {
            U32(length);
        }

        _stream.Write(value);
        return this;
    }

    /// <summary>Writes a header only (tag + VR + 32-bit length), e.g. an undefined-length SQ.</summary>
    public DicomBytes Header(ushort group, ushort element, string vr, uint length)
    {
        Tag(group, element);
        if (_explicit)
        {
            _stream.Write(Encoding.ASCII.GetBytes(vr));
            _stream.Write([0, 0]);
        }

        U32(length);
        return this;
    }

    /// <summary>Writes an item or delimiter tag (FFFE,xxxx) with a length.</summary>
    public DicomBytes Item(ushort element, uint length)
    {
        Tag(0xFFFE, element);
        U32(length);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    private void Tag(ushort group, ushort element)
    {
        U16(group);
        U16(element);
    }

    private void U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        _stream.Write(b);
    }

    private void U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        _stream.Write(b);
    }
}
