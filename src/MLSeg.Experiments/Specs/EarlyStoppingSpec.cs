using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Early stopping on an inner validation split drawn (by patient) from the arm's training data only.</summary>
public sealed record EarlyStoppingSpec(bool? Enabled, int? Patience, double? ValFraction)
{
    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("enabled", Enabled), ("patience", Patience), ("val_fraction", ValFraction));
}
