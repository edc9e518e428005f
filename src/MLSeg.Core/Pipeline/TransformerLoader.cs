using System.Collections.Concurrent;
using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Loads saved transformers by the type name in their <c>transformer.json</c>. Any assembly can register its own
/// transformer types (e.g. Torch-based ones that also read <c>weights.safetensors</c> from the folder); MLSeg.Core's
/// own transformers are registered from the start.
/// </summary>
public static class TransformerLoader
{
    private static readonly ConcurrentDictionary<string, Func<string, TransformerManifest, ITransformer>> Loaders = CreateBuiltIns();

    /// <summary>The registered type names, sorted.</summary>
    public static IReadOnlyList<string> RegisteredTypes => [.. Loaders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Registers <paramref name="load"/> (arguments: the folder, its manifest) for <paramref name="typeName"/>.
    /// Registering the same name twice with another function is a caller bug.
    /// </summary>
    public static void Register(string typeName, Func<string, TransformerManifest, ITransformer> load)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(load);
        Func<string, TransformerManifest, ITransformer> existing = Loaders.GetOrAdd(typeName, load);
        if (existing != load)
        {
            throw new InvalidOperationException($"A loader for transformer type '{typeName}' is already registered.");
        }
    }

    /// <summary>Loads the transformer saved in <paramref name="directory"/>.</summary>
    public static ITransformer Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        TransformerManifest manifest = TransformerManifest.Read(directory);
        if (!Loaders.TryGetValue(manifest.TypeName, out var load))
        {
            throw new MLSegException(
                $"{Path.Combine(directory, TransformerManifest.FileName)}: unknown transformer type '{manifest.TypeName}'; " +
                $"registered: {string.Join(", ", RegisteredTypes)}. Register it with TransformerLoader.Register.");
        }

        return load(directory, manifest);
    }

    private static ConcurrentDictionary<string, Func<string, TransformerManifest, ITransformer>> CreateBuiltIns()
    {
        var d = new ConcurrentDictionary<string, Func<string, TransformerManifest, ITransformer>>(StringComparer.Ordinal);
        d[TransformerChain.TypeName] = TransformerChain.LoadFrom;
        d[SelectColumnsTransformer.TypeName] = SelectColumnsTransformer.LoadFrom;
        d[MapImageTransformer.TypeName] = MapImageTransformer.LoadFrom;
        d[IntensityNormalizerTransformer.TypeName] = IntensityNormalizerTransformer.LoadFrom;
        return d;
    }
}
