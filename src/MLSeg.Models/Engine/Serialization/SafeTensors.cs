using TorchSharp;
using static TorchSharp.torch;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MLSeg.Models.Engine.Serialization;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"key": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}</c> (offsets relative to the first
/// byte after the header), then the little-endian row-major data.
/// </summary>
public static partial class SafeTensors
{
    /// <summary>The key holding string metadata instead of a tensor.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header the reader accepts (100 MB), so a lying length cannot make it allocate more.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The element type of a safetensors dtype code.</summary>
    /// <exception cref="ArgumentException">The code is not one MLSeg supports.</exception>
    public static ScalarType ToScalarType(string dtype) => TryScalarType(dtype, out ScalarType t)
        ? t
        : throw new ArgumentException($"Unsupported safetensors dtype '{dtype}'; expected one of {SupportedCodes}.", nameof(dtype));

    /// <summary>The safetensors dtype code of an element type ("F32", "I64", …).</summary>
    public static string ToCode(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No safetensors dtype for this element type."),
    };

    private const string SupportedCodes = "F32, F16, BF16, F64, I64, I32, U8, BOOL";

    private static bool TryScalarType(string dtype, out ScalarType type)
    {
        type = dtype switch
        {
            "F32" => ScalarType.Float32,
            "F16" => ScalarType.Float16,
            "BF16" => ScalarType.BFloat16,
            "F64" => ScalarType.Float64,
            "I64" => ScalarType.Int64,
            "I32" => ScalarType.Int32,
            "U8" => ScalarType.Byte,
            "BOOL" => ScalarType.Bool,
            _ => (ScalarType)(-1),
        };
        return (int)type >= 0;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; copied to the host) with keys in ordinal order and the header
    /// padded with spaces to a multiple of 8 bytes. The file is written to a temporary name beside
    /// <paramref name="path"/> and renamed over it, so a reader never sees a half-written file.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndian();
        var keys = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (keys.Contains(MetadataKey))
        {
            throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
        }

        var blobs = new List<byte[]>(keys.Count);
        using var scope = torch.NewDisposeScope();
        foreach (string key in keys)
        {
            blobs.Add(ToBytes(tensors[key]));
        }

        byte[] header = BuildHeader(keys, tensors, blobs, metadata);
        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Span<byte> len = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Length);
                fs.Write(len);
                fs.Write(header);
                foreach (byte[] b in blobs)
                {
                    fs.Write(b);
                }

                fs.Flush(flushToDisk: true);
            }

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

    private static byte[] BuildHeader(List<string> keys, IReadOnlyDictionary<string, Tensor> tensors, List<byte[]> blobs, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(k, v);
                }

                w.WriteEndObject();
            }

            long offset = 0;
            for (int i = 0; i < keys.Count; i++)
            {
                Tensor t = tensors[keys[i]];
                w.WriteStartObject(keys[i]);
                w.WriteString("dtype", ToCode(t.dtype));
                w.WriteStartArray("shape");
                foreach (long s in t.shape)
                {
                    w.WriteNumberValue(s);
                }

                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += blobs[i].Length;
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        long padded = (ms.Length + 7) / 8 * 8;
        while (ms.Length < padded)
        {
            ms.WriteByte((byte)' ');
        }

        return ms.ToArray();
    }

    private static byte[] ToBytes(Tensor tensor)
    {
        _ = ToCode(tensor.dtype);
        using Tensor cpu = tensor.detach().to(CPU);
        using Tensor c = cpu.contiguous();
        return c.numel() == 0 ? [] : c.bytes.ToArray();
    }

    private static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => 1,
    };

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Safetensors I/O assumes a little-endian host.");
        }
    }
}
