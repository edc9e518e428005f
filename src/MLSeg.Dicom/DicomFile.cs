using System.IO.Compression;
using System.Text;

namespace MLSeg.Dicom;

/// <summary>
/// A DICOM Part 10 file (PS3.10 §7): optional 128-byte preamble and "DICM", the File Meta group (0002, always
/// explicit VR little endian) and the dataset in its transfer syntax. Files without preamble/meta (a bare dataset)
/// are read too, their syntax inferred from the first element.
/// </summary>
public sealed class DicomFile
{
    /// <summary>Largest inflated dataset accepted for deflated transfer syntaxes, to bound memory on corrupt input.</summary>
    public const int MaxInflatedBytes = 1 << 30;

    /// <summary>Creates a file from its parts.</summary>
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax, string name)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        Name = name;
    }

    /// <summary>The File Meta Information group (empty when the file had none).</summary>
    public DicomDataset FileMetaInformation { get; }

    /// <summary>The dataset.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the dataset was decoded with (from the meta, or inferred).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>The Transfer Syntax UID stated in the File Meta, or null when the file has no File Meta.</summary>
    public string? TransferSyntaxUid => FileMetaInformation.TryGetString(DicomTag.TransferSyntaxUID);

    /// <summary>The file path or name used in messages.</summary>
    public string Name { get; }

    /// <summary>Writes the file as Part 10 (explicit VR little endian) through a temporary file renamed into place; see <see cref="DicomWriter"/>.</summary>
    public void Save(string path) => DicomWriter.Save(this, path);

    /// <summary>Files longer than this leave a Pixel Data value that ends the file on disk until it is used.</summary>
    private const int DeferPixelDataAbove = 128 * 1024;

    /// <summary>Bytes read first from a large file; a header that does not end within them is read with the whole file.</summary>
    private const int HeadBytes = 8 * 1024;

    /// <summary>
    /// Reads the file at <paramref name="path"/>. In files over 128 KiB whose top-level Pixel Data value ends the file
    /// (native, uncompressed pixels), that value stays on disk: <see cref="Imaging.DicomPixelData"/> reads each frame
    /// straight into a pooled buffer when it decodes it, and <see cref="DicomElement.Value"/> reads it on first use.
    /// Until then the file must stay as it is; a file changed or replaced since it was opened fails with
    /// <see cref="DicomFormatException"/>.
    /// </summary>
    public static DicomFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            // Opening a folder as a file fails with "Access denied", which sends users chasing permissions.
            throw new DicomFormatException(path, -1, null, "is a folder; expected a DICOM file (`mlseg dicom series DIR` scans a folder).");
        }

        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path);
        long length = RandomAccess.GetLength(handle);
        if (length > DeferPixelDataAbove)
        {
            byte[] head = new byte[HeadBytes];
            ReadExactly(handle, head, path);
            var deferral = new DicomDeferral(path, length, File.GetLastWriteTimeUtc(handle));
            try
            {
                if (Read(head, path, deferral) is { } file && file.Dataset.Find(DicomTag.PixelData)?.Deferred is not null)
                {
                    return file;
                }
            }
            catch (DicomFormatException)
            {
                // The header runs past the first bytes (or they are not DICOM): the whole file, read below, decides.
            }
        }

        if (length > Array.MaxLength)
        {
            throw new IOException($"{path}: {length} bytes is larger than one buffer can hold ({Array.MaxLength}).");
        }

        byte[] bytes = GC.AllocateUninitializedArray<byte>((int)length);
        ReadExactly(handle, bytes, path);
        return Read(bytes, path);
    }

    /// <summary>Reads a file from a copy of <paramref name="bytes"/>; <paramref name="name"/> names it in messages.</summary>
    public static DicomFile Read(ReadOnlySpan<byte> bytes, string name) => Read(bytes.ToArray(), name);

    /// <summary>Reads a file from <paramref name="bytes"/> (not copied: elements refer into it; do not modify it afterwards).</summary>
    public static DicomFile Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(bytes, name, deferral: null)!;
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> destination, string path)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = RandomAccess.Read(handle, destination[done..], done);
            if (n == 0)
            {
                throw new IOException($"{path}: the file ended after {done} bytes while {destination.Length} were being read; it is being written or truncated.");
            }

            done += n;
        }
    }

    /// <summary>Parses <paramref name="bytes"/>; with a <paramref name="deferral"/> (the first bytes of a large file), null where the syntax needs the whole file.</summary>
    private static DicomFile? Read(byte[] bytes, string name, DicomDeferral? deferral)
    {
        ReadOnlySpan<byte> s = bytes;
        int pos;
        if (s.Length >= 132 && s.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            pos = 132;
        }
        else if (s.Length >= 8 && s[0] == 0x02 && s[1] == 0x00 && DicomVRInfo.TryParse(s[4], s[5], out _))
        {
            pos = 0; // File Meta without preamble
        }
        else
        {
            return deferral is null ? ReadBareDataset(bytes, name) : null;
        }

        var metaReader = new DicomReader(bytes, name, explicitVR: true, bigEndian: false);
        DicomDataset meta = metaReader.ReadDataset(ref pos, bytes.Length, Encoding.Latin1, 0, onlyGroup: 0x0002);
        string uid = meta.TryGetString(DicomTag.TransferSyntaxUID)
            ?? throw new DicomFormatException(name, pos, DicomTag.TransferSyntaxUID, "File Meta Information has no Transfer Syntax UID.");
        DicomTransferSyntax ts = DicomTransferSyntax.Lookup(uid);
        if (ts.IsDeflated)
        {
            if (deferral is not null)
            {
                return null;
            }

            byte[] inflated = Inflate(bytes.AsMemory(pos), name, pos);
            int p = 0;
            var deflatedReader = new DicomReader(inflated, $"{name} (inflated dataset)", true, false);
            return new DicomFile(meta, deflatedReader.ReadDataset(ref p, inflated.Length, Encoding.Latin1, 0), ts, name);
        }

        var reader = new DicomReader(bytes, name, ts.IsExplicitVR, ts.IsBigEndian, deferral);
        DicomDataset dataset = reader.ReadDataset(ref pos, bytes.Length, Encoding.Latin1, 0);
        return new DicomFile(meta, dataset, ts, name);
    }

    private static DicomFile ReadBareDataset(byte[] bytes, string name)
    {
        if (bytes.Length < 8)
        {
            throw new DicomFormatException(name, 0, null, $"{bytes.Length} bytes is too short for a DICOM file (no preamble, no File Meta, no dataset).");
        }

        // Without File Meta the syntax is inferred: an explicit VR shows as two upper-case letters after the tag.
        bool isExplicit = DicomVRInfo.TryParse(bytes[4], bytes[5], out _);
        if (!isExplicit && bytes[0] == 0 && bytes[1] != 0)
        {
            throw new DicomFormatException(name, 0, null, "no preamble and no File Meta, and the first element is not little endian; big-endian bare datasets are not supported.");
        }

        ushort group = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        uint implicitLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (!isExplicit && ((group & 1) == 1 || (implicitLength != uint.MaxValue && implicitLength > bytes.Length - 8)))
        {
            // A dataset starts with a standard (even-group) element whose length fits; otherwise the bytes are shifted or not DICOM.
            string hint = bytes.Length > 6 && bytes[1] == 0x08 && DicomVRInfo.TryParse(bytes[5], bytes[6], out _)
                ? $" A dataset appears to start at byte 1: the file has a stray leading byte 0x{bytes[0]:X2}; remove it."
                : string.Empty;
            throw new DicomFormatException(name, 0, DicomTag.FromValue(((uint)group << 16) | System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2))),
                $"no preamble, no File Meta, and the first bytes are not a data element (odd group or a length beyond the end of the file).{hint}");
        }

        DicomTransferSyntax ts = isExplicit ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
        var reader = new DicomReader(bytes, name, ts.IsExplicitVR, false);
        int pos = 0;
        DicomDataset dataset = reader.ReadDataset(ref pos, bytes.Length, Encoding.Latin1, 0);
        return new DicomFile(new DicomDataset(name), dataset, ts, name);
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> compressed, string name, int offset)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            byte[] buffer = new byte[81920];
            int n;
            while ((n = deflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > MaxInflatedBytes)
                {
                    throw new DicomFormatException(name, offset, null, $"deflated dataset inflates to more than {MaxInflatedBytes} bytes.");
                }

                output.Write(buffer, 0, n);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new DicomFormatException(name, offset, null, $"deflated dataset is not a valid raw deflate stream: {ex.Message}");
        }
    }
}
