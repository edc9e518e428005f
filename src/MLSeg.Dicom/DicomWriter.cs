using System.Buffers.Binary;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>
/// Writes Part 10 files in Explicit VR Little Endian (or, for encapsulated pixel data, the file's compressed syntax,
/// whose dataset is explicit VR little endian too). Sequences and fragments are written with undefined length.
/// Values read from big-endian files are byte-swapped; odd lengths are padded (space for text, NUL otherwise).
/// </summary>
public static class DicomWriter
{
    /// <summary>The Implementation Class UID written into File Meta (a UUID-derived UID, PS3.5 B.2).</summary>
    public const string ImplementationClassUid = "2.25.246152719381095427510203460416328331717";

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/> through a temporary file renamed into place.</summary>
    public static void Save(DicomFile file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, ToBytes(file));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The Part 10 bytes of <paramref name="file"/>.</summary>
    public static byte[] ToBytes(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool encapsulated = file.Dataset.Find(DicomTag.PixelData) is DicomFragments;
        string tsUid = encapsulated ? file.TransferSyntax.Uid : DicomTransferSyntax.ExplicitVRLittleEndian.Uid;
        var metaBody = new MemoryStream();
        WriteElement(metaBody, new DicomElement(DicomTag.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        WriteText(metaBody, DicomTag.MediaStorageSOPClassUID, file.Dataset.TryGetString(DicomTag.SOPClassUID) ?? string.Empty);
        WriteText(metaBody, DicomTag.MediaStorageSOPInstanceUID, file.Dataset.TryGetString(DicomTag.SOPInstanceUID) ?? string.Empty);
        WriteText(metaBody, DicomTag.TransferSyntaxUID, tsUid);
        WriteText(metaBody, DicomTag.ImplementationClassUID, ImplementationClassUid);
        var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)metaBody.Length);
        WriteElement(output, new DicomElement(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, groupLength));
        metaBody.WriteTo(output);
        WriteDataset(output, file.Dataset);
        return output.ToArray();
    }

    private static void WriteText(Stream s, DicomTag tag, string uid) =>
        WriteElement(s, new DicomElement(tag, DicomVR.UI, Encoding.ASCII.GetBytes(uid)));

    private static void WriteDataset(Stream s, DicomDataset ds)
    {
        foreach (DicomElement e in ds)
        {
            if (e.Tag.Group == 0x0002 || e.Tag.Element == 0x0000)
            {
                continue; // File Meta is rebuilt; group lengths are retired (PS3.5 §7.2) and would be stale
            }

            WriteElement(s, e);
        }
    }

    private static void WriteElement(Stream s, DicomElement e)
    {
        switch (e)
        {
            case DicomSequence seq:
                Header(s, e.Tag, DicomVR.SQ, uint.MaxValue);
                foreach (DicomDataset item in seq.Items)
                {
                    Tag(s, DicomTag.Item, uint.MaxValue);
                    WriteDataset(s, item);
                    Tag(s, DicomTag.ItemDelimitationItem, 0);
                }

                Tag(s, DicomTag.SequenceDelimitationItem, 0);
                return;
            case DicomFragments frag:
                Header(s, e.Tag, DicomVR.OB, uint.MaxValue);
                Tag(s, DicomTag.Item, (uint)(frag.BasicOffsetTable.Length * 4));
                foreach (uint offset in frag.BasicOffsetTable)
                {
                    U32(s, offset);
                }

                foreach (ReadOnlyMemory<byte> f in frag.Fragments)
                {
                    byte[] bytes = Padded(f.Span, 0);
                    Tag(s, DicomTag.Item, (uint)bytes.Length);
                    s.Write(bytes);
                }

                Tag(s, DicomTag.SequenceDelimitationItem, 0);
                return;
            default:
                break;
        }

        byte[] value = LittleEndian(e);
        value = Padded(value, DicomVRInfo.IsText(e.VR) && e.VR != DicomVR.UI ? (byte)' ' : (byte)0);
        DicomVR vr = e.VR == DicomVR.None ? DicomVR.UN : e.VR;
        if (!DicomVRInfo.HasLongLength(vr) && value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"{e.Tag} {e.Keyword} holds {value.Length} bytes, more than VR {vr} can state in explicit VR (65535).", nameof(e));
        }

        Header(s, e.Tag, vr, (uint)value.Length);
        s.Write(value);
    }

    private static byte[] LittleEndian(DicomElement e)
    {
        byte[] value = e.Value.ToArray();
        int size = DicomVRInfo.ValueSize(e.VR);
        if (e.IsBigEndian && size > 1)
        {
            for (int i = 0; i + size <= value.Length; i += size)
            {
                Array.Reverse(value, i, size);
            }
        }

        return value;
    }

    private static byte[] Padded(ReadOnlySpan<byte> value, byte pad) => value.Length % 2 == 0 ? value.ToArray() : [.. value, pad];

    private static void Header(Stream s, DicomTag tag, DicomVR vr, uint length)
    {
        U16(s, tag.Group);
        U16(s, tag.Element);
        string name = vr.ToString();
        s.WriteByte((byte)name[0]);
        s.WriteByte((byte)name[1]);
        if (DicomVRInfo.HasLongLength(vr))
        {
            U16(s, 0);
            U32(s, length);
        }
        else
        {
            U16(s, (ushort)length);
        }
    }

    private static void Tag(Stream s, DicomTag tag, uint length)
    {
        U16(s, tag.Group);
        U16(s, tag.Element);
        U32(s, length);
    }

    private static void U16(Stream s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write(b);
    }

    private static void U32(Stream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }
}
