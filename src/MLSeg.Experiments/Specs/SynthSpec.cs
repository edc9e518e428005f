using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>A synthetic cohort generated deterministically (<c>synth:</c> block).</summary>
public sealed record SynthSpec(string Kind, int? Patients, int? Size, int? Seed, int? Observers, string? Field)
{
    /// <summary>Every default filled in.</summary>
    public SynthSpec Resolve() => this with
    {
        Patients = Patients ?? SpecDefaults.SynthPatients,
        Size = Size ?? SpecDefaults.SynthSize,
        Seed = Seed ?? SpecDefaults.SynthSeed,
        Observers = Observers ?? SpecDefaults.SynthObservers,
        Field = Kind == "cardiac-cine" ? Field ?? SpecDefaults.CardiacField : null,
    };

    /// <summary>The canonical JSON form (key order fixed).</summary>
    public JsonObject ToJson() => Json.Object(("kind", Kind), ("patients", Patients), ("size", Size), ("seed", Seed), ("observers", Observers), ("field", Field));
}
