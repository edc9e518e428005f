using MLSeg.Core.Errors;
using MLSeg.Torch.Serialization;

namespace MLSeg.Torch.NN;

// State dicts and their safetensors persistence.
public abstract partial class Module
{
    /// <summary>
    /// Parameters and buffers under their dotted names, in PyTorch's order (each module's parameters, then its
    /// buffers, then its children). Values are new detached handles sharing the module's storage: the caller (or the
    /// enclosing dispose scope) disposes them; writing into them writes into the module.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var dict = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (string name in module.parameterNames)
            {
                if (module.parameters[name] is { } p)
                {
                    dict.Add(Join(prefix, name), p.Detach());
                }
            }

            foreach (string name in module.bufferNames)
            {
                dict.Add(Join(prefix, name), module.buffers[name]!.Detach());
            }
        }

        return dict;
    }

    /// <summary>
    /// Copies values from <paramref name="stateDict"/> into this module's parameters and buffers (converting dtype and
    /// device). With <paramref name="strict"/>, any missing, unexpected or shape-mismatched key throws before anything is
    /// copied; otherwise matching keys are loaded and the rest reported (fine-tuning a pretrained encoder).
    /// </summary>
    /// <exception cref="SchemaMismatchException">Strict and the keys or shapes do not match; the message lists them all.</exception>
    public LoadStateDictReport LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = new List<KeyValuePair<string, Tensor>>();
        foreach (var (prefix, module) in NamedModules())
        {
            own.AddRange(module.parameterNames.Where(n => module.parameters[n] is not null).Select(n => new KeyValuePair<string, Tensor>(Join(prefix, n), module.parameters[n]!)));
            own.AddRange(module.bufferNames.Select(n => new KeyValuePair<string, Tensor>(Join(prefix, n), module.buffers[n]!)));
        }

        var ownKeys = new HashSet<string>(own.Select(o => o.Key), StringComparer.Ordinal);
        var missing = new List<string>();
        var mismatched = new List<string>();
        var toLoad = new List<(string Key, Tensor Target, Tensor Source)>();
        foreach (var (key, target) in own)
        {
            if (!stateDict.TryGetValue(key, out Tensor? source))
            {
                missing.Add(key);
                continue;
            }

            long[] want = target.Shape;
            long[] got = source.Shape;
            if (!want.AsSpan().SequenceEqual(got))
            {
                mismatched.Add($"{key}: module [{string.Join(", ", want)}], dict [{string.Join(", ", got)}]");
                continue;
            }

            toLoad.Add((key, target, source));
        }

        var unexpected = stateDict.Keys.Where(k => !ownKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var report = new LoadStateDictReport(missing, unexpected, mismatched, toLoad.Select(t => t.Key).ToList());
        if (strict && !report.IsExact)
        {
            throw new SchemaMismatchException($"State dict does not match {GetType().Name}: {report.Describe()}. Load with strict: false to copy only the matching keys.");
        }

        using (Torch.NoGrad())
        {
            foreach (var (_, target, source) in toLoad)
            {
                target.Copy_(source);
            }
        }

        return report;
    }

    /// <summary>Writes the state dict to a safetensors file (atomically), with optional string metadata.</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = Torch.NewDisposeScope();
        SafeTensors.Save(path, StateDict(), metadata);
    }

    /// <summary>Loads a safetensors file written by <see cref="Save"/> (or PyTorch's safetensors) into this module.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    /// <exception cref="SchemaMismatchException">Strict and the keys or shapes do not match.</exception>
    public LoadStateDictReport Load(string path, bool strict = true)
    {
        using var scope = Torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(path);
        return LoadStateDict(content.Tensors, strict);
    }
}
