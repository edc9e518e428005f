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

    /// <summary>
    /// A user-defined encoder registered with <see cref="MLSeg.Models.EncoderRegistry"/> (<c>model.encoder</c>), wrapped in
    /// MLSeg's U-Net decoder; null for the architecture's own encoder.
    /// </summary>
    public string? Encoder { get; init; }

    /// <summary>The canonical JSON form (<c>encoder</c> only when set, so specs without it keep their form).</summary>
    public JsonObject ToJson() => Json.Object(("architecture", Architecture), ("encoder", Encoder), ("depth", Depth), ("base_channels", BaseChannels), ("norm", Norm),
        ("upsampling", Upsampling), ("classes", Classes));

    /// <summary>The encoder part (what a pretrained encoder depends on): architecture, user encoder, depth, base channels, norm.</summary>
    public JsonObject EncoderJson() => Json.Object(("architecture", Architecture), ("encoder", Encoder), ("depth", Depth), ("base_channels", BaseChannels), ("norm", Norm));
}
