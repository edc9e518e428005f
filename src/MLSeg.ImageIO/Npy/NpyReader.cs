using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MLSeg.Core.Errors;

namespace MLSeg.ImageIO.Npy;

/// <summary>
/// Reads NumPy .npy files (format versions 1.0, 2.0, 3.0): dtypes f4, f8, i2, i4, i8, u1, b1, u2 in either byte order,
/// C or Fortran order. The result is always C order in host byte order.
/// </summary>
public static partial class NpyReader
{
    /// <summary>The 6-byte magic string "\x93NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a file.</summary>
    public static NpyArray Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses a whole .npy file held in memory; <paramref name="file"/> names it in errors.</summary>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw new ImageFormatException(file, 0, $"expected the .npy magic 93 4E 55 4D 50 59 ('\\x93NUMPY'); found {Convert.ToHexString(bytes[..Math.Min(6, bytes.Length)])}.");
        }

        int major = bytes[6];
        int headerStart;
        long headerLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new ImageFormatException(file, 8, "file ends inside the version 2/3 header length.");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            headerStart = 12;
        }
        else
        {
            throw new ImageFormatException(file, 6, $"format version {major}.{bytes[7]} is not 1.0, 2.0 or 3.0.");
        }

        if (headerLength > bytes.Length - headerStart)
        {
            throw new ImageFormatException(file, 8, $"header length {headerLength} exceeds the {bytes.Length - headerStart} bytes that remain.");
        }

        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        string header = encoding.GetString(bytes.Slice(headerStart, (int)headerLength));
        var (descr, fortran, shape) = ParseHeader(header, file, headerStart);
        char order = descr[0];
        var type = NpyDescr.Parse(descr[1..]);
        if (order is not ('<' or '>' or '|' or '=') || type is null)
        {
            throw new ImageFormatException(file, headerStart, $"dtype '{descr}' is not supported; expected one of <f4 <f8 <i2 <i4 <i8 |u1 |b1 <u2 (or '>' big-endian).");
        }

        var (elementType, size) = type.Value;
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
            {
                throw new ImageFormatException(file, headerStart, $"shape ({string.Join(", ", shape)}) is larger than one buffer can hold.");
            }
        }

        int dataStart = headerStart + (int)headerLength;
        if (count * size != bytes.Length - dataStart)
        {
            throw new ImageFormatException(file, dataStart, $"shape ({string.Join(", ", shape)}) of {descr} needs {count * size} data bytes; the file holds {bytes.Length - dataStart}.");
        }

        byte[] raw = bytes[dataStart..].ToArray();
        if (order == '>' && size > 1)
        {
            for (int i = 0; i < raw.Length; i += size)
            {
                raw.AsSpan(i, size).Reverse();
            }
        }

        if (fortran && shape.Length > 1)
        {
            raw = FortranToC(raw, shape, size);
        }

        var data = Array.CreateInstance(elementType, count);
        if (elementType == typeof(bool))
        {
            var flags = (bool[])data;
            for (int i = 0; i < raw.Length; i++)
            {
                flags[i] = raw[i] != 0;
            }
        }
        else
        {
            Buffer.BlockCopy(raw, 0, data, 0, raw.Length);
        }

        return new NpyArray(shape, data);
    }

    private static byte[] FortranToC(byte[] raw, int[] shape, int size)
    {
        var result = new byte[raw.Length];
        int n = shape.Length;
        var index = new int[n];
        long count = raw.Length / size;
        for (long c = 0; c < count; c++)
        {
            // Fortran offset of the multi-index: first axis varies fastest.
            long f = 0, stride = 1;
            for (int a = 0; a < n; a++)
            {
                f += index[a] * stride;
                stride *= shape[a];
            }

            Array.Copy(raw, f * size, result, c * size, size);
            for (int a = n - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }

        return result;
    }

    private static (string Descr, bool Fortran, int[] Shape) ParseHeader(string header, string file, int offset)
    {
        var descr = DescrRegex().Match(header);
        var fortran = FortranRegex().Match(header);
        var shape = ShapeRegex().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new ImageFormatException(file, offset, $"header {header.Trim()} lacks 'descr', 'fortran_order' or 'shape'.");
        }

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
                : throw new ImageFormatException(file, offset, $"shape entry '{d}' is not a non-negative integer."))
            .ToArray();
        return (descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
