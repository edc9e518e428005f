using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Patient-level k-fold cross-validation: k, which folds to run, and the split's seed.</summary>
public sealed record FoldsSpec(int? K, IReadOnlyList<int>? Run, int? Seed)
{
    /// <summary>Every default filled in (all folds run).</summary>
    public FoldsSpec Resolve()
    {
        int k = K ?? SpecDefaults.FoldsK;
        return new FoldsSpec(k, Run ?? [.. Enumerable.Range(0, k)], Seed ?? SpecDefaults.FoldsSeed);
    }

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("k", K), ("run", Json.Array(Run)), ("seed", Seed));
}
