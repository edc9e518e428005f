namespace MLSeg.Torch;

/// <summary>
/// Owns every tensor created on this thread while it is the innermost open scope, and disposes them when it closes —
/// so a training step's temporaries are freed deterministically instead of waiting for the finalizer. A tensor that
/// must outlive the step is handed out with <see cref="Tensor.MoveToOuterScope"/> (or <see cref="Tensor.DetachFromDisposeScope"/>).
/// </summary>
/// <example><code>
/// using (var scope = Torch.NewDisposeScope())
/// {
///     var loss = model.Forward(x).Sub(y).Square().Mean();
///     loss.Backward();
///     optimizer.Step();
/// } // every intermediate tensor is freed here
/// </code></example>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope that was current when this one opened.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>How many live tensors this scope owns.</summary>
    public int Count => owned.Count;

    internal static void Register(Tensor tensor)
    {
        if (current is { } scope)
        {
            scope.owned.Add(tensor);
            tensor.Scope = scope;
        }
    }

    internal void Remove(Tensor tensor) => owned.Remove(tensor);

    internal void Adopt(Tensor tensor)
    {
        owned.Add(tensor);
        tensor.Scope = this;
    }

    /// <summary>Disposes every tensor still owned, and restores the outer scope as current.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!ReferenceEquals(current, this))
        {
            throw new InvalidOperationException("Dispose scopes must close in the reverse order they were opened (innermost first).");
        }

        current = Outer;
        foreach (Tensor t in owned.ToArray())
        {
            t.Scope = null;
            t.Dispose();
        }

        owned.Clear();
    }
}
