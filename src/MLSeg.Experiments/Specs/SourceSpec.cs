using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>A source task: how the encoder is pretrained before fine-tuning (<c>none</c> = random initialisation).</summary>
public sealed record SourceSpec(string Name, int? Epochs, double? Lr, int? Batch, CohortSpec? Data, string? From, string? File)
{
    /// <summary>True for <c>none</c> and <c>import</c>, which train nothing before fine-tuning.</summary>
    public bool TrainsEncoder => Name is not ("none" or "import");

    /// <summary>Every default filled in; classification defaults to synthetic natural images, self-supervised tasks to the cohort.</summary>
    public SourceSpec Resolve() => !TrainsEncoder ? this : this with
    {
        Epochs = Epochs ?? SpecDefaults.PretrainEpochs,
        Lr = Lr ?? SpecDefaults.PretrainLr,
        Batch = Batch ?? SpecDefaults.PretrainBatch,
        Data = (Data ?? (Name == "classification"
            ? new CohortSpec(null, new SynthSpec("natural", null, null, null, null, null))
            : new CohortSpec(null, null, TargetCohort: true))).Resolve(),
    };

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("name", Name), ("epochs", Epochs), ("lr", Lr), ("batch", Batch), ("data", Data?.ToJson()),
        ("from", From), ("file", File));
}
