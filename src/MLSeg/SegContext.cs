using System.Security.Cryptography;
using MLSeg.Catalogs;
using MLSeg.Core.Randomness;
using MLSeg.Pipeline;

namespace MLSeg;

/// <summary>
/// The entry point of MLSeg pipelines (ML.NET's <c>MLContext</c>): catalogs of data loaders, transforms, pretraining
/// strategies, trainers, evaluation and model I/O. Every random component gets its own seed derived from
/// <see cref="Seed"/> by component name and call number (no shared generator), so the same notebook with the same
/// seed reproduces its results, and adding a call of one component does not shift another component's seeds.
/// </summary>
public sealed class SegContext
{
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a context seeded with <paramref name="seed"/>; null draws a fresh seed (see <see cref="Seed"/> to record it).</summary>
    public SegContext(int? seed = null)
    {
        FacadeTransformers.EnsureRegistered();
        Seed = new SeedSource(seed is { } s ? (ulong)(uint)s : BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))));
        Data = new DataCatalog();
        Transforms = new TransformsCatalog();
        Pretraining = new PretrainingCatalog(this);
        Trainers = new TrainersCatalog(this);
        Evaluation = new EvaluationCatalog();
        Model = new ModelCatalog();
    }

    /// <summary>The root seed every component's seed derives from.</summary>
    public SeedSource Seed { get; }

    /// <summary>Loading and filtering data views.</summary>
    public DataCatalog Data { get; }

    /// <summary>Loading, windowing, normalising and resampling images and masks.</summary>
    public TransformsCatalog Transforms { get; }

    /// <summary>Encoder pretraining strategies.</summary>
    public PretrainingCatalog Pretraining { get; }

    /// <summary>Segmentation trainers.</summary>
    public TrainersCatalog Trainers { get; }

    /// <summary>Metrics over predicted views.</summary>
    public EvaluationCatalog Evaluation { get; }

    /// <summary>Saving, loading and ONNX models.</summary>
    public ModelCatalog Model { get; }

    /// <summary>
    /// The seed of the <c>n</c>-th call (0-based, per context) for <paramref name="component"/>:
    /// <c>Seed.Derive(component).Derive(n)</c>.
    /// </summary>
    public SeedSource NextSeed(string component)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        long n;
        lock (_gate)
        {
            n = _calls.TryGetValue(component, out long c) ? c : 0;
            _calls[component] = n + 1;
        }

        return Seed.Derive(component).Derive(n);
    }
}
