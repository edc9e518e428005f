using MLSeg.Core.Errors;
using MLSeg.Models.Engine.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Models.Engine;

/// <summary>
/// State dicts of any TorchSharp module under PyTorch's dotted names (<c>encoder.layer1.0.conv1.weight</c>,
/// <c>bn1.running_mean</c>), persisted as safetensors: what TorchSharp's own <c>save</c>/<c>load</c> (a TorchSharp-only
/// format) do not give — a report of missing, unexpected and shape-mismatched keys, and files PyTorch loads with
/// <c>strict=True</c>.
/// </summary>
public static class StateDicts
{
    /// <summary>
    /// Parameters and persistent buffers by dotted name, detached (sharing storage with the module), in PyTorch's order:
    /// each module's own parameters, then its buffers, then its children depth-first (TorchSharp's <c>state_dict()</c>
    /// lists all parameters before all buffers).
    /// </summary>
    public static OrderedDictionary<string, Tensor> Of(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var dict = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        Collect(module, string.Empty, dict);
        return dict;
    }

    private static void Collect(nn.Module module, string prefix, OrderedDictionary<string, Tensor> dict)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false))
        {
            dict.Add(prefix + name, parameter.detach());
        }

        foreach (var (name, buffer) in module.named_buffers(recurse: false, include_nonpersistent: false))
        {
            dict.Add(prefix + name, buffer.detach());
        }

        foreach (var (name, child) in module.named_children())
        {
            Collect(child, prefix + name + ".", dict);
        }
    }

    /// <summary>
    /// Copies the tensors of <paramref name="stateDict"/> into <paramref name="module"/>'s parameters and buffers with the
    /// same names. Strict (the default) refuses, before copying anything, a dict with missing, unexpected or
    /// differently shaped keys; non-strict copies the matching keys and reports the rest.
    /// </summary>
    /// <returns>What matched and what did not.</returns>
    public static LoadStateDictReport Load(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = module.state_dict();
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

            if (!target.shape.AsSpan().SequenceEqual(source.shape))
            {
                mismatched.Add($"{key}: module [{string.Join(", ", target.shape)}], dict [{string.Join(", ", source.shape)}]");
                continue;
            }

            toLoad.Add((key, target, source));
        }

        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var report = new LoadStateDictReport(missing, unexpected, mismatched, toLoad.Select(t => t.Key).ToList());
        if (strict && !report.IsExact)
        {
            throw new SchemaMismatchException($"State dict does not match {module.GetType().Name}: {report.Describe()}. Load with strict: false to copy only the matching keys.");
        }

        using (torch.no_grad())
        {
            foreach (var (_, target, source) in toLoad)
            {
                target.copy_(source);
            }
        }

        return report;
    }

    /// <summary>Writes <paramref name="module"/>'s state dict as safetensors (temp file + rename).</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var scope = torch.NewDisposeScope();
        SafeTensors.Save(path, Of(module), metadata);
    }

    /// <summary>Loads a safetensors state dict into <paramref name="module"/> (see <see cref="Load(nn.Module, IReadOnlyDictionary{string, Tensor}, bool)"/>).</summary>
    /// <returns>What matched and what did not.</returns>
    public static LoadStateDictReport Load(nn.Module module, string path, bool strict = true)
    {
        using var scope = torch.NewDisposeScope();
        using SafeTensorsContent content = SafeTensors.Load(path);
        return Load(module, content.Tensors, strict);
    }

    /// <summary>Sets <c>requires_grad</c> on every parameter of <paramref name="module"/> (PyTorch's <c>module.requires_grad_</c>).</summary>
    public static void RequiresGrad(nn.Module module, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var p in module.parameters())
        {
            p.requires_grad = requiresGrad;
        }
    }
}
