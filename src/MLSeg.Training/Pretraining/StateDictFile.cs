using MLSeg.Models.Engine.Serialization;
using static TorchSharp.torch;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// A state dict read from a weights file: safetensors (recognised by its header: an 8-byte length followed by a JSON
/// object) or TorchSharp's <c>module.save</c> format (<see cref="TorchSharpStateDictFile"/>). Disposing frees the tensors.
/// </summary>
internal sealed class StateDictFile : IDisposable
{
    private readonly SafeTensorsContent? safeTensors;

    private StateDictFile(IReadOnlyDictionary<string, Tensor> tensors, SafeTensorsContent? safeTensors)
    {
        Tensors = tensors;
        this.safeTensors = safeTensors;
    }

    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    public static StateDictFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file '{path}' does not exist.", path);
        }

        if (IsSafeTensors(path))
        {
            SafeTensorsContent content = SafeTensors.Load(path);
            return new StateDictFile(content.Tensors, content);
        }

        return new StateDictFile(TorchSharpStateDictFile.Read(path), null);
    }

    public void Dispose()
    {
        if (safeTensors is not null)
        {
            safeTensors.Dispose();
            return;
        }

        foreach (Tensor t in Tensors.Values)
        {
            t.Dispose();
        }
    }

    private static bool IsSafeTensors(string path)
    {
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[9];
        if (fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
        {
            return false;
        }

        ulong headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(head);
        return head[8] == (byte)'{' && headerLength <= (ulong)(fs.Length - 8);
    }
}
