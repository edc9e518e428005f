using System.Text;
using MLSeg.Core.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// Reads the state-dict files TorchSharp's <c>module.save(path)</c> writes (conventionally <c>.dat</c>), so weights trained
/// in a user's own TorchSharp code can be imported without knowing the module that wrote them. The format: a LEB128
/// entry count, then per entry a .NET length-prefixed UTF-8 name and a tensor as LEB128 scalar type, LEB128 rank,
/// LEB128 dimensions and the raw little-endian element bytes. Every length is checked against the bytes that remain
/// before anything is allocated.
/// </summary>
public static class TorchSharpStateDictFile
{
    /// <summary>Reads every tensor (CPU) of the file, in file order; the caller disposes them.</summary>
    /// <exception cref="SchemaMismatchException">The file is not a TorchSharp state dict (the message names the offset and problem).</exception>
    public static OrderedDictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = File.ReadAllBytes(path);
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            int pos = 0;
            long count = Leb128(bytes, ref pos, path, "entry count");
            if (count > bytes.Length - pos)
            {
                throw Error(path, 0, $"claims {count} entries but only {bytes.Length - pos} bytes follow");
            }

            for (long e = 0; e < count; e++)
            {
                int entryStart = pos;
                string name = ReadName(bytes, ref pos, path);
                if (tensors.ContainsKey(name))
                {
                    throw Error(path, entryStart, $"repeats the name '{name}'");
                }

                tensors.Add(name, ReadTensor(bytes, ref pos, path, name));
            }

            if (pos != bytes.Length)
            {
                throw Error(path, pos, $"has {bytes.Length - pos} bytes after its {count} entries");
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

        return tensors;
    }

    private static string ReadName(byte[] bytes, ref int pos, string path)
    {
        int start = pos;
        long length = Leb128(bytes, ref pos, path, "name length");
        if (length > bytes.Length - pos)
        {
            throw Error(path, start, $"has a {length}-byte name but only {bytes.Length - pos} bytes follow");
        }

        string name = Encoding.UTF8.GetString(bytes, pos, (int)length);
        pos += (int)length;
        return name;
    }

    private static Tensor ReadTensor(byte[] bytes, ref int pos, string path, string name)
    {
        int start = pos;
        long code = Leb128(bytes, ref pos, path, $"scalar type of '{name}'");
        var type = (ScalarType)code;
        long elementSize = type switch
        {
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
            ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
            ScalarType.Int32 or ScalarType.Float32 => 4,
            ScalarType.Int64 or ScalarType.Float64 => 8,
            _ => throw Error(path, start, $"gives '{name}' the unsupported scalar type code {code}"),
        };
        long rank = Leb128(bytes, ref pos, path, $"rank of '{name}'");
        if (rank > 16)
        {
            throw Error(path, start, $"gives '{name}' rank {rank}; expected at most 16");
        }

        var shape = new long[rank];
        long remaining = bytes.Length - pos;
        long numel = 1;
        for (int d = 0; d < rank; d++)
        {
            shape[d] = Leb128(bytes, ref pos, path, $"dimension {d} of '{name}'");
            numel = shape[d] == 0 ? 0 : numel > remaining / shape[d] ? long.MaxValue : numel * shape[d];
        }

        if (numel == long.MaxValue || numel * elementSize > bytes.Length - pos)
        {
            throw Error(path, start, $"gives '{name}' shape [{string.Join(", ", shape)}] of {type}, more than the {bytes.Length - pos} bytes that follow");
        }

        int length = (int)(numel * elementSize);
        Tensor tensor = torch.empty(shape, type);
        if (length > 0)
        {
            tensor.bytes = bytes.AsSpan(pos, length);
        }

        pos += length;
        return tensor;
    }

    private static long Leb128(byte[] bytes, ref int pos, string path, string what)
    {
        long value = 0;
        int start = pos;
        for (int shift = 0; shift < 63; shift += 7)
        {
            if (pos >= bytes.Length)
            {
                throw Error(path, start, $"ends inside the {what}");
            }

            byte b = bytes[pos++];
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Error(path, start, $"has an over-long {what}");
    }

    private static SchemaMismatchException Error(string path, int offset, string problem) =>
        new($"{path}: not a TorchSharp state dict (module.save format): at byte {offset} the file {problem}.");
}
