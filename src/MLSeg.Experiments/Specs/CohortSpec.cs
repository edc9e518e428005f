using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Where images come from: a manifest CSV, a synthetic cohort, or (for a source's <c>data</c>) the experiment's own cohort.</summary>
public sealed record CohortSpec(string? Manifest, SynthSpec? Synth, bool TargetCohort = false)
{
    /// <summary>Every default filled in.</summary>
    public CohortSpec Resolve() => this with { Synth = Synth?.Resolve() };

    /// <summary>The canonical JSON form: <c>"cohort"</c>, <c>{"manifest": …}</c> or <c>{"synth": {…}}</c>.</summary>
    public JsonNode ToJson() => TargetCohort ? JsonValue.Create("cohort") : Json.Object(("manifest", Manifest), ("synth", Synth?.ToJson()));
}
