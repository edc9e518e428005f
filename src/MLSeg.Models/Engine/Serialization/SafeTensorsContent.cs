using TorchSharp;
using static TorchSharp.torch;
namespace MLSeg.Models.Engine.Serialization;

/// <summary>The tensors (in file order) and string metadata read from a safetensors file; disposing frees the tensors.</summary>
public sealed class SafeTensorsContent : IDisposable
{
    internal SafeTensorsContent(OrderedDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors by key (CPU, owned by this object unless taken out with <see cref="Tensor.DetachFromDisposeScope"/> and a clone).</summary>
    public OrderedDictionary<string, Tensor> Tensors { get; }

    /// <summary>The "__metadata__" strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Frees every tensor.</summary>
    public void Dispose()
    {
        foreach (Tensor t in Tensors.Values)
        {
            t.Dispose();
        }
    }
}
