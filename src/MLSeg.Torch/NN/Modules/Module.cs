namespace MLSeg.Torch.NN;

/// <summary>
/// A neural-network building block holding parameters, buffers and child modules under PyTorch's dotted names
/// ("encoder.0.weight", "bn1.running_mean"). Registration is explicit; the module owns every registered tensor and
/// child and disposes them with itself.
/// </summary>
public abstract partial class Module : IDisposable
{
    private readonly List<string> parameterNames = [];
    private readonly List<string> bufferNames = [];
    private readonly Dictionary<string, Tensor?> parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor?> buffers = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, Module>> children = [];
    private bool disposed;

    /// <summary>Whether the module is in training mode (<see cref="Train"/>) rather than evaluation mode (<see cref="Eval"/>).</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Whether <see cref="Dispose()"/> has run.</summary>
    public bool IsDisposed => disposed;

    /// <summary>Registers a trainable parameter (null registers an absent one, e.g. a disabled bias); autograd is turned on for it.</summary>
    /// <returns>The registered tensor, now owned by this module.</returns>
    protected Tensor? RegisterParameter(string name, Tensor? tensor)
    {
        CheckNewName(name);
        if (tensor is not null)
        {
            tensor.DetachFromDisposeScope();
            tensor.RequiresGrad = true;
        }

        parameters[name] = tensor;
        parameterNames.Add(name);
        return tensor;
    }

    /// <summary>Registers persistent state that is not trained (running statistics, counters); it is saved in the state dict.</summary>
    /// <returns>The registered tensor, now owned by this module.</returns>
    protected Tensor RegisterBuffer(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckNewName(name);
        tensor.DetachFromDisposeScope();
        buffers[name] = tensor;
        bufferNames.Add(name);
        return tensor;
    }

    /// <summary>Registers a child module under <paramref name="name"/>; this module disposes it.</summary>
    /// <returns>The child.</returns>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        if (ReferenceEquals(module, this))
        {
            throw new ArgumentException("A module cannot be its own child.", nameof(module));
        }

        children.Add(new(name, module));
        return module;
    }

    /// <summary>
    /// Puts <paramref name="replacement"/> where the child <paramref name="name"/> was (same name, same position in
    /// state dicts) and disposes the old child — PyTorch's <c>model.head = new_head</c>, used to re-initialise a
    /// classifier for another class count.
    /// </summary>
    /// <returns>The replacement.</returns>
    protected T ReplaceModule<T>(string name, T replacement) where T : Module
    {
        ArgumentNullException.ThrowIfNull(replacement);
        int index = children.FindIndex(c => c.Key == name);
        if (index < 0)
        {
            throw new ArgumentException($"{GetType().Name} has no child '{name}' to replace (children: {string.Join(", ", children.Select(c => c.Key))}).", nameof(name));
        }

        if (ReferenceEquals(replacement, this))
        {
            throw new ArgumentException("A module cannot be its own child.", nameof(replacement));
        }

        Module old = children[index].Value;
        children[index] = new(name, replacement);
        if (!ReferenceEquals(old, replacement))
        {
            old.Dispose();
        }

        return replacement;
    }

    /// <summary>The parameter registered as <paramref name="name"/> on this module (null when registered as absent).</summary>
    protected Tensor? GetParameter(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return parameters.TryGetValue(name, out Tensor? t) ? t : throw new KeyNotFoundException($"{GetType().Name} has no parameter '{name}'.");
    }

    /// <summary>The buffer registered as <paramref name="name"/> on this module.</summary>
    protected Tensor GetBuffer(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return buffers.TryGetValue(name, out Tensor? t) && t is not null ? t : throw new KeyNotFoundException($"{GetType().Name} has no buffer '{name}'.");
    }

    /// <summary>Direct children in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => children;

    /// <summary>This module (name "") and every descendant, depth first in registration order, with dotted names.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules(string prefix = "")
    {
        yield return new(prefix, this);
        foreach (var (name, child) in children)
        {
            foreach (var pair in child.NamedModules(Join(prefix, name)))
            {
                yield return pair;
            }
        }
    }

    /// <summary>Every parameter of this module and its descendants with dotted names (the module's own tensors, not copies).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (string name in module.parameterNames)
            {
                if (module.parameters[name] is { } t)
                {
                    yield return new(Join(prefix, name), t);
                }
            }
        }
    }

    /// <summary>Every parameter (the module's own tensors: do not dispose them).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Every buffer of this module and its descendants with dotted names (the module's own tensors).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers()
    {
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (string name in module.bufferNames)
            {
                yield return new(Join(prefix, name), module.buffers[name]!);
            }
        }
    }

    /// <summary>The descendant at a dotted path ("encoder.layer1"); "" is this module.</summary>
    public Module GetSubmodule(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Module current = this;
        if (path.Length == 0)
        {
            return current;
        }

        foreach (string part in path.Split('.'))
        {
            Module? next = current.children.FirstOrDefault(c => c.Key == part).Value;
            current = next ?? throw new ArgumentException(
                $"No submodule '{path}': '{part}' is not a child of {current.GetType().Name} (children: {string.Join(", ", current.children.Select(c => c.Key))}).", nameof(path));
        }

        return current;
    }

    /// <summary>Sets training mode on this module and every descendant.</summary>
    /// <returns>This module.</returns>
    public Module Train(bool on = true)
    {
        foreach (var (_, m) in NamedModules())
        {
            m.IsTraining = on;
        }

        return this;
    }

    /// <summary>Sets evaluation mode (batch norm uses running statistics, dropout is off) on this module and every descendant.</summary>
    /// <returns>This module.</returns>
    public Module Eval() => Train(false);

    /// <summary>Turns autograd on or off for every parameter of this module and its descendants (freezing with false).</summary>
    /// <returns>This module.</returns>
    public Module RequiresGrad_(bool requiresGrad = true)
    {
        foreach (var (_, p) in NamedParameters())
        {
            p.RequiresGrad = requiresGrad;
        }

        return this;
    }

    /// <summary>Moves every parameter and buffer to <paramref name="device"/>, keeping names and autograd flags.</summary>
    /// <remarks>Tensors are replaced, so an optimizer must be created after the move (as in PyTorch).</remarks>
    /// <returns>This module.</returns>
    public Module To(Device device)
    {
        foreach (var (_, m) in NamedModules())
        {
            m.MoveTensors(m.parameters, device, isParameter: true);
            m.MoveTensors(m.buffers, device, isParameter: false);
        }

        return this;
    }

    /// <summary>Disposes the registered tensors and children.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees owned tensors and children when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        foreach (Tensor? t in parameters.Values.Concat(buffers.Values))
        {
            t?.Dispose();
        }

        foreach (var (_, child) in children)
        {
            child.Dispose();
        }
    }

    private void MoveTensors(Dictionary<string, Tensor?> store, Device device, bool isParameter)
    {
        foreach (string name in store.Keys.ToList())
        {
            Tensor? old = store[name];
            if (old is null || SameDevice(old.Device, device))
            {
                continue;
            }

            bool grad = old.RequiresGrad;
            Tensor moved;
            using (Torch.NoGrad())
            {
                moved = old.To(device).DetachFromDisposeScope();
            }

            if (isParameter)
            {
                moved.RequiresGrad = grad;
            }

            store[name] = moved;
            old.Dispose();
        }
    }

    private void CheckNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Name '{name}' must not contain '.' (dots separate nesting levels).", nameof(name));
        }

        if (parameters.ContainsKey(name) || buffers.ContainsKey(name) || children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"{GetType().Name} already has a parameter, buffer or child named '{name}'.", nameof(name));
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private static bool SameDevice(Device a, Device b) =>
        a.Type == b.Type && (a.Type == DeviceType.Cpu || a.Index < 0 || b.Index < 0 || a.Index == b.Index);
}
