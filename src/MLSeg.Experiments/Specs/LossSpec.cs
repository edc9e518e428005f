using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Loss weights: soft Dice and cross-entropy.</summary>
public sealed record LossSpec(double? Dice, double? Ce)
{
    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("dice", Dice), ("ce", Ce));
}
