using System.Collections;

namespace MLSeg.Torch.NN;

/// <summary>An indexable list of child modules named "0", "1", … (PyTorch's <c>nn.ModuleList</c>); it has no forward pass.</summary>
/// <typeparam name="T">Element module type.</typeparam>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = [];

    /// <summary>Creates the list; it owns and disposes the modules.</summary>
    public ModuleList(params T[] modules)
    {
        foreach (T m in modules)
        {
            Add(m);
        }
    }

    /// <inheritdoc />
    public int Count => items.Count;

    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <summary>Appends a module named by its position.</summary>
    public void Add(T module)
    {
        RegisterModule(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
