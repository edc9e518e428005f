using TorchSharp;
using static TorchSharp.torch;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MLSeg.Models.Engine.Serialization;

// Reading: the whole header is validated against the file length before any tensor memory is allocated.
public static partial class SafeTensors
{
    /// <summary>Reads and validates the header only: entries sorted by data offset, and the metadata.</summary>
    /// <exception cref="SafeTensorsFormatException">The header is malformed or inconsistent with the file length.</exception>
    public static (IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata) ReadHeader(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (entries, metadata, _) = ReadHeader(fs, path);
        return (entries, metadata);
    }

    /// <summary>Reads every tensor (CPU) and the metadata of a safetensors file.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed; the message names the file, key and problem.</exception>
    public static SafeTensorsContent Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureLittleEndian();
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var (entries, metadata, dataStart) = ReadHeader(fs, path);
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (SafeTensorsEntry e in entries)
            {
                var bytes = new byte[e.End - e.Begin];
                fs.Seek(dataStart + e.Begin, SeekOrigin.Begin);
                fs.ReadExactly(bytes);
                tensors.Add(e.Name, FromBytes(bytes, e, path));
            }
        }
        catch
        {
            foreach (Tensor t in tensors.Values)
            {
                t.Dispose();
            }

            throw;
        }

        return new SafeTensorsContent(tensors, metadata);
    }

    private static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata, long DataStart) ReadHeader(FileStream fs, string path)
    {
        long fileLength = fs.Length;
        if (fileLength < 8)
        {
            throw new SafeTensorsFormatException(path, null, $"file is {fileLength} bytes; a safetensors file starts with an 8-byte header length.");
        }

        Span<byte> lenBytes = stackalloc byte[8];
        fs.ReadExactly(lenBytes);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(lenBytes);
        if (n > (ulong)(fileLength - 8))
        {
            throw new SafeTensorsFormatException(path, null, $"header length {n} exceeds the {fileLength - 8} bytes after the length field.");
        }

        if (n > MaxHeaderBytes)
        {
            throw new SafeTensorsFormatException(path, null, $"header length {n} exceeds the {MaxHeaderBytes}-byte limit.");
        }

        var header = new byte[(int)n];
        fs.ReadExactly(header);
        long dataStart = 8 + (long)n;
        long dataLength = fileLength - dataStart;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException($"{path}: header is not valid JSON: {ex.Message}", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException(path, null, $"header must be a JSON object, found {doc.RootElement.ValueKind}.");
            }

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(p.Name))
                {
                    throw new SafeTensorsFormatException(path, p.Name, "key appears twice in the header.");
                }

                if (p.Name == MetadataKey)
                {
                    ReadMetadata(p.Value, metadata, path);
                    continue;
                }

                entries.Add(ParseEntry(p, dataLength, path));
            }

            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            for (int i = 1; i < entries.Count; i++)
            {
                if (entries[i].Begin < entries[i - 1].End)
                {
                    throw new SafeTensorsFormatException(path, entries[i].Name,
                        $"data [{entries[i].Begin}, {entries[i].End}) overlaps tensor '{entries[i - 1].Name}' at [{entries[i - 1].Begin}, {entries[i - 1].End}).");
                }
            }

            return (entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, MetadataKey, $"must be an object of strings, found {value.ValueKind}.");
        }

        foreach (JsonProperty m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException(path, MetadataKey, $"entry '{m.Name}' must be a string, found {m.Value.ValueKind}.");
            }

            metadata[m.Name] = m.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ParseEntry(JsonProperty p, long dataLength, string path)
    {
        string key = p.Name;
        JsonElement v = p.Value;
        if (v.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException(path, key, $"entry must be an object, found {v.ValueKind}.");
        }

        if (!v.TryGetProperty("dtype", out JsonElement dt) || dt.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsFormatException(path, key, "missing string field 'dtype'.");
        }

        string dtype = dt.GetString()!;
        if (!TryScalarType(dtype, out ScalarType type))
        {
            throw new SafeTensorsFormatException(path, key, $"unknown dtype '{dtype}'; expected one of {SupportedCodes}.");
        }

        long[] shape = ReadLongs(v, "shape", -1, key, path);
        long[] offsets = ReadLongs(v, "data_offsets", 2, key, path);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength)
        {
            throw new SafeTensorsFormatException(path, key, $"data_offsets [{begin}, {end}] do not lie within the {dataLength}-byte data area.");
        }

        long expected = ElementSize(type);
        foreach (long s in shape)
        {
            if (s != 0 && expected > long.MaxValue / s)
            {
                throw new SafeTensorsFormatException(path, key, $"shape [{string.Join(", ", shape)}] is too large.");
            }

            expected *= s;
        }

        if (end - begin != expected)
        {
            throw new SafeTensorsFormatException(path, key,
                $"shape [{string.Join(", ", shape)}] of {dtype} needs {expected} bytes but data_offsets [{begin}, {end}] span {end - begin}.");
        }

        if (expected > Array.MaxLength)
        {
            throw new SafeTensorsFormatException(path, key, $"{expected} bytes exceed the largest tensor MLSeg reads ({Array.MaxLength} bytes).");
        }

        return new SafeTensorsEntry(key, dtype, shape, begin, end);
    }

    private static long[] ReadLongs(JsonElement entry, string field, int count, string key, string path)
    {
        if (!entry.TryGetProperty(field, out JsonElement arr) || arr.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsFormatException(path, key, $"missing array field '{field}'.");
        }

        int length = arr.GetArrayLength();
        if ((count >= 0 && length != count) || length > 64)
        {
            throw new SafeTensorsFormatException(path, key, $"'{field}' has {length} entries; expected {(count >= 0 ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at most 64")}.");
        }

        var values = new long[length];
        int i = 0;
        foreach (JsonElement e in arr.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long x) || x < 0)
            {
                throw new SafeTensorsFormatException(path, key, $"'{field}' entry {i} is {e.GetRawText()}; expected a non-negative integer.");
            }

            values[i++] = x;
        }

        return values;
    }

    private static Tensor FromBytes(byte[] bytes, SafeTensorsEntry e, string path)
    {
        if (e.ScalarType == ScalarType.Bool)
        {
            int bad = bytes.AsSpan().IndexOfAnyExcept((byte)0, (byte)1);
            if (bad >= 0)
            {
                throw new SafeTensorsFormatException(path, e.Name, $"BOOL element {bad} holds byte {bytes[bad]}; expected 0 or 1.");
            }
        }

        // The file's little-endian element bytes are libtorch's CPU layout for every supported dtype (bfloat16 included).
        Tensor t = torch.empty(e.Shape, e.ScalarType);
        if (bytes.Length > 0)
        {
            t.bytes = bytes;
        }

        return t;
    }

}
