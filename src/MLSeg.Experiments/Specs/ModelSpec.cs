using System.Text.Json.Nodes;

namespace MLSeg.Experiments.Specs;

/// <summary>The segmentation network.</summary>
public sealed record ModelSpec(string? Architecture, int? Depth, int? BaseChannels, string? Norm, string? Upsampling, int? Classes)
{
    /// <summary>Every default filled in; classes default by cohort (L3: 2, cardiac: 3).</summary>
    public ModelSpec Resolve(CohortSpec cohort) => this with
    {
        Architecture = Architecture ?? SpecDefaults.Architecture,
        Depth = Depth ?? SpecDefaults.Depth,
        BaseChannels = BaseChannels ?? SpecDefaults.BaseChannels,
        Norm = Norm ?? SpecDefaults.Norm,
        Upsampling = Upsampling ?? SpecDefaults.Upsampling,
        Classes = Classes ?? (cohort.Synth?.Kind == "cardiac-cine" ? SpecDefaults.CardiacClasses : SpecDefaults.CtClasses),
    };

    /// <summary>The canonical JSON form.</summary>
    public JsonObject ToJson() => Json.Object(("architecture", Architecture), ("depth", Depth), ("base_channels", BaseChannels), ("norm", Norm),
        ("upsampling", Upsampling), ("classes", Classes));

    /// <summary>The encoder part (what a pretrained encoder depends on): architecture, depth, base channels, norm.</summary>
    public JsonObject EncoderJson() => Json.Object(("architecture", Architecture), ("depth", Depth), ("base_channels", BaseChannels), ("norm", Norm));
}
