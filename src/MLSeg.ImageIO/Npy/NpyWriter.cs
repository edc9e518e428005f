using MLSeg.Core.IO;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace MLSeg.ImageIO.Npy;

/// <summary>Writes .npy files (version 1.0, little-endian, C order; 2.0 only when the header needs it). Atomic.</summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        string shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : $"({string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        string dict = $"{{'descr': '{array.Descr}', 'fortran_order': False, 'shape': {shape}, }}";
        bool v2 = dict.Length + 11 > ushort.MaxValue;
        int prefix = v2 ? 12 : 10;
        int total = prefix + dict.Length + 1;
        int padded = (total + 63) / 64 * 64; // data starts on a 64-byte boundary
        var header = new byte[padded];
        NpyReader.Magic.CopyTo(header);
        header[6] = (byte)(v2 ? 2 : 1);
        if (v2)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)(padded - prefix));
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(padded - prefix));
        }

        Encoding.ASCII.GetBytes(dict, header.AsSpan(prefix));
        header.AsSpan(prefix + dict.Length, padded - prefix - dict.Length - 1).Fill((byte)' ');
        header[^1] = (byte)'\n';
        byte[] data = array.Data is bool[] flags ? flags.Select(f => f ? (byte)1 : (byte)0).ToArray() : ToBytes(array.Data);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(data);
        });
    }

    private static byte[] ToBytes(Array data)
    {
        int size = Buffer.ByteLength(data);
        var bytes = new byte[size];
        Buffer.BlockCopy(data, 0, bytes, 0, size);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NpyWriter writes little-endian files from a little-endian host only.");
        }

        return bytes;
    }
}
