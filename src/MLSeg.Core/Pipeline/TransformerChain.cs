using System.Globalization;
using System.Text.Json.Nodes;
using MLSeg.Core.Errors;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Fitted transformers applied one after another. Saved as a folder whose <c>transformer.json</c> lists the count,
/// with each step in a sub-folder <c>00</c>, <c>01</c>, … .
/// </summary>
public sealed class TransformerChain : ISavableTransformer
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.TransformerChain";

    private readonly ITransformer[] _transformers;

    /// <summary>Creates a chain of <paramref name="transformers"/> (may be empty: the identity).</summary>
    public TransformerChain(IEnumerable<ITransformer> transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        _transformers = [.. transformers];
        foreach (ITransformer t in _transformers)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(transformers));
        }
    }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ITransformer> Transformers => _transformers;

    /// <summary>The last step, or null for an empty chain.</summary>
    public ITransformer? LastTransformer => _transformers.Length == 0 ? null : _transformers[^1];

    /// <summary>A new chain with <paramref name="transformer"/> appended.</summary>
    public TransformerChain Append(ITransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new TransformerChain([.. _transformers, transformer]);
    }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        DataSchema schema = inputSchema;
        foreach (ITransformer t in _transformers)
        {
            schema = t.GetOutputSchema(schema);
        }

        return schema;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        IDataView view = input;
        foreach (ITransformer t in _transformers)
        {
            view = t.Transform(view);
        }

        return view;
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        for (int i = 0; i < _transformers.Length; i++)
        {
            if (_transformers[i] is not ISavableTransformer savable)
            {
                throw new InvalidOperationException($"Step {i} of the chain ({_transformers[i].GetType().Name}) does not implement ISavableTransformer.");
            }

            savable.Save(Path.Combine(directory, StepFolder(i)));
        }

        // Written last, so a folder without it is recognisably incomplete.
        new TransformerManifest(TypeName, 1, new JsonObject { ["count"] = _transformers.Length }).Write(directory);
    }

    /// <summary>Loads a chain saved by <see cref="Save"/> (used by <see cref="TransformerLoader"/>).</summary>
    public static TransformerChain LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        double count = manifest.GetDouble("count");
        if (count < 0 || count != Math.Floor(count))
        {
            throw new MLSegException($"{directory}: chain step count must be a non-negative integer; found {count}.");
        }

        var steps = new ITransformer[(int)count];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = TransformerLoader.Load(Path.Combine(directory, StepFolder(i)));
        }

        return new TransformerChain(steps);
    }

    private static string StepFolder(int i) => i.ToString("00", CultureInfo.InvariantCulture);
}
