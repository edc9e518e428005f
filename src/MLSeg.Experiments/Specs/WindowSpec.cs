using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>An intensity window: a named preset, or center/width (same units as the image, e.g. HU).</summary>
public sealed record WindowSpec(string? Preset, double? Center, double? Width)
{
    /// <summary>The canonical JSON form.</summary>
    public JsonNode ToJson() => Preset is not null ? JsonValue.Create(Preset) : Json.Object(("center", Center), ("width", Width));
}
