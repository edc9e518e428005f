using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>The preprocessing chain: window, normalisation, resize (square, px).</summary>
public sealed record PreprocessingSpec(WindowSpec? Window, string? Normalization, int? Resize)
{
    /// <summary>Every default filled in; CT cohorts get the soft-tissue window, others none; resize defaults to the synthetic size.</summary>
    public PreprocessingSpec Resolve(CohortSpec cohort) => this with
    {
        Window = Window ?? new WindowSpec(cohort.Synth?.Kind is null or "l3-ct" ? SpecDefaults.CtWindowPreset : SpecDefaults.OtherWindowPreset, null, null),
        Normalization = Normalization ?? SpecDefaults.Normalization,
        Resize = Resize ?? cohort.Synth?.Size ?? SpecDefaults.SynthSize,
    };

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("window", Window?.ToJson()), ("normalization", Normalization), ("resize", Resize));
}
