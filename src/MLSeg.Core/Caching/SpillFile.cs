using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MLSeg.Core.Imaging;
using MLSeg.Core.IO;

namespace MLSeg.Core.Caching;

/// <summary>
/// The on-disk form of one cached value. Little-endian layout:
/// <code>
///   0  8  magic "MLSGCACH"        8  4  format version      12  4  kind (1 = Image2D float32, 2 = LabelMap uint8)
///  16 32  key (raw SHA-256)      48  4  channels            52  4  height       56  4  width
///  60  8  row spacing mm (f64)   68  8  column spacing mm   76  8  payload length (bytes)
///  84 32  SHA-256 of the payload 116 …  payload, (C, Y, X) samples
/// </code>
/// A file is trusted only when every header field agrees with the request and the file length, and the payload hashes
/// to the recorded digest; anything else reads as "damaged" and the caller recomputes.
/// </summary>
internal static class SpillFile
{
    public const int HeaderLength = 116;
    private const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "MLSGCACH"u8;

    public static void Write(string path, ContentKey key, object value)
    {
        // Samples are written in the machine's order; ContentHashCache refuses big-endian machines, so that is little-endian.
        var (header, payload) = value switch
        {
            Image2D image => (Header(1, key, image.Channels, image.Height, image.Width, image.SpacingMm, MemoryMarshal.AsBytes(image.Data.AsSpan())),
                MemoryMarshal.AsBytes(image.Data.AsSpan()).ToArray()),
            LabelMap labels => (Header(2, key, 1, labels.Height, labels.Width, labels.SpacingMm, labels.Labels), (byte[])labels.Labels.Clone()),
            _ => throw new ArgumentException($"Cannot cache values of type {value.GetType().Name}; expected Image2D or LabelMap.", nameof(value)),
        };
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(payload);
        });
    }

    private static byte[] Header(int kind, ContentKey key, int channels, int height, int width, PixelSpacing spacing, ReadOnlySpan<byte> payload)
    {
        var header = new byte[HeaderLength];
        Span<byte> h = header;
        Magic.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], kind);
        Convert.FromHexString(key.Hex).CopyTo(h[16..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[48..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(h[52..], height);
        BinaryPrimitives.WriteInt32LittleEndian(h[56..], width);
        BinaryPrimitives.WriteDoubleLittleEndian(h[60..], spacing.RowMm);
        BinaryPrimitives.WriteDoubleLittleEndian(h[68..], spacing.ColumnMm);
        BinaryPrimitives.WriteInt64LittleEndian(h[76..], payload.Length);
        SHA256.HashData(payload, h[84..]);
        return header;
    }

    /// <summary>The value stored at <paramref name="path"/>, or null when the file is absent, damaged or holds another key or kind.</summary>
    public static object? TryRead(string path, ContentKey key, Type kind, out bool damaged)
    {
        damaged = false;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        object? value = Parse(bytes, key, kind);
        damaged = value is null;
        return value;
    }

    private static object? Parse(ReadOnlySpan<byte> file, ContentKey key, Type kind)
    {
        if (file.Length < HeaderLength || !file[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(file[8..]) != Version)
        {
            return null;
        }

        int code = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        if (code != KindCode(kind) || !file.Slice(16, 32).SequenceEqual(Convert.FromHexString(key.Hex)))
        {
            return null;
        }

        int channels = BinaryPrimitives.ReadInt32LittleEndian(file[48..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(file[52..]);
        int width = BinaryPrimitives.ReadInt32LittleEndian(file[56..]);
        var spacing = new PixelSpacing(BinaryPrimitives.ReadDoubleLittleEndian(file[60..]), BinaryPrimitives.ReadDoubleLittleEndian(file[68..]));
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(file[76..]);
        int elementSize = code == 1 ? sizeof(float) : sizeof(byte);
        if (channels <= 0 || height <= 0 || width <= 0 || (code == 2 && channels != 1)
            || !(spacing.RowMm > 0) || !(spacing.ColumnMm > 0) || !double.IsFinite(spacing.RowMm) || !double.IsFinite(spacing.ColumnMm))
        {
            return null;
        }

        // Checked against the real file length before anything is allocated from a header field.
        long expected = (long)channels * height * width * elementSize;
        if (payloadLength != expected || file.Length - HeaderLength != expected)
        {
            return null;
        }

        ReadOnlySpan<byte> payload = file[HeaderLength..];
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(payload, digest);
        if (!digest.SequenceEqual(file.Slice(84, 32)))
        {
            return null;
        }

        if (code == 1)
        {
            var data = new float[channels * height * width];
            payload.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            return new Image2D(channels, height, width, data, spacing);
        }

        return new LabelMap(height, width, payload.ToArray(), spacing);
    }

    public static int KindCode(Type kind) =>
        kind == typeof(Image2D) ? 1 : kind == typeof(LabelMap) ? 2 : throw new ArgumentException($"Cannot cache values of type {kind.Name}; expected Image2D or LabelMap.", nameof(kind));
}
