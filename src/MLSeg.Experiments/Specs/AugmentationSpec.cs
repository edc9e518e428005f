using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>Training-time augmentation: flips, rotation range (degrees), scale and intensity ranges (fractions).</summary>
public sealed record AugmentationSpec(bool? Flip, double? RotateDeg, double? Scale, double? Intensity)
{
    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("flip", Flip), ("rotate_deg", RotateDeg), ("scale", Scale), ("intensity", Intensity));
}
