using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>
/// One experiment (pipelines/*.yaml): a cohort, its preprocessing and model, the source tasks compared, training sizes,
/// subsets, folds, seeds, fine-tuning, metrics and resources. Read with <see cref="SpecParser"/>; <see cref="Resolve"/>
/// makes every default explicit. Keys are documented in pipelines/README.md.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    CohortSpec Cohort,
    PreprocessingSpec? Preprocessing,
    ModelSpec? Model,
    IReadOnlyList<SourceSpec> Sources,
    IReadOnlyList<string>? Sizes,
    IReadOnlyList<string>? Subsets,
    FoldsSpec? Folds,
    IReadOnlyList<int>? Seeds,
    FinetuneSpec? Finetune,
    IReadOnlyList<string>? Metrics,
    SlurmSpec? Slurm)
{
    /// <summary>The file the spec was read from (for messages), or "(inline)".</summary>
    public string SourceFile { get; init; } = "(inline)";

    /// <summary>A copy with every default filled in (idempotent).</summary>
    public ExperimentSpec Resolve()
    {
        CohortSpec cohort = Cohort.Resolve();
        return this with
        {
            Cohort = cohort,
            Preprocessing = (Preprocessing ?? new PreprocessingSpec(null, null, null)).Resolve(cohort),
            Model = (Model ?? new ModelSpec(null, null, null, null, null, null)).Resolve(cohort),
            Sources = [.. Sources.Select(s => s.Resolve())],
            Sizes = Sizes ?? ["full"],
            Subsets = Subsets ?? ["random"],
            Folds = (Folds ?? new FoldsSpec(null, null, null)).Resolve(),
            Seeds = Seeds ?? [SpecDefaults.Seed],
            Finetune = (Finetune ?? new FinetuneSpec(null, null, null, null, null, null, null, null, null, null)).Resolve(),
            Metrics = Metrics ?? SpecDefaults.DefaultMetrics,
            Slurm = (Slurm ?? new SlurmSpec(null, null, null, null)).Resolve(),
        };
    }

    /// <summary>The source named <paramref name="name"/>.</summary>
    public SourceSpec Source(string name) =>
        Sources.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No source '{name}' in experiment '{Name}'.", nameof(name));

    /// <summary>The canonical JSON form in key order (the resolved YAML is written from it).</summary>
    public JsonObject ToJson() => Json.Object(
        ("name", Name),
        ("cohort", Cohort.ToJson()),
        ("preprocessing", Preprocessing?.ToJson()),
        ("model", Model?.ToJson()),
        ("sources", new JsonArray([.. Sources.Select(s => (JsonNode)s.ToJson())])),
        ("sizes", Sizes is null ? null : new JsonArray([.. Sizes.Select(SizeNode)])),
        ("subsets", Json.Array(Subsets)),
        ("folds", Folds?.ToJson()),
        ("seeds", Json.Array(Seeds)),
        ("finetune", Finetune?.ToJson()),
        ("metrics", Json.Array(Metrics)),
        ("resources", Slurm is null ? null : Json.Object(("slurm", Slurm.ToJson()))));

    private static JsonNode SizeNode(string size) => int.TryParse(size, out int n) ? JsonValue.Create(n) : JsonValue.Create(size);
}
