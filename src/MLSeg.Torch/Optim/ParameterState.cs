namespace MLSeg.Torch.Optim;

/// <summary>Per-parameter optimizer state: a step count and named tensors (momentum buffers, moment estimates) owned by the optimizer.</summary>
public sealed class ParameterState : IDisposable
{
    private readonly Dictionary<string, Tensor> tensors = new(StringComparer.Ordinal);

    /// <summary>Updates applied to this parameter.</summary>
    public long Step { get; set; }

    /// <summary>The state tensors by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public Tensor? Get(string name) => tensors.TryGetValue(name, out Tensor? t) ? t : null;

    /// <summary>Stores <paramref name="tensor"/> (taken out of dispose scopes; the state disposes it), replacing any previous one.</summary>
    public Tensor Set(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensors.TryGetValue(name, out Tensor? old) && !ReferenceEquals(old, tensor))
        {
            old.Dispose();
        }

        tensors[name] = tensor.DetachFromDisposeScope();
        return tensor;
    }

    /// <summary>Frees the state tensors.</summary>
    public void Dispose()
    {
        foreach (Tensor t in tensors.Values)
        {
            t.Dispose();
        }

        tensors.Clear();
    }
}
