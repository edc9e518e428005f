using MLSeg.Core.Imaging;

namespace MLSeg.Evaluation.Metrics;

/// <summary>Options of <see cref="SegmentationMetrics.Compute"/>.</summary>
public sealed record MetricOptions
{
    /// <summary>The defaults: Dice 1 for a label absent from both masks, distances computed, labels found in either map, spacing of the truth map.</summary>
    public static MetricOptions Default { get; } = new();

    /// <summary>Dice of a label absent from both masks (the 7T study's rule is <see cref="Metrics.BothEmptyDice.One"/>).</summary>
    public BothEmptyDice BothEmptyDice { get; init; } = BothEmptyDice.One;

    /// <summary>Labels (≥ 1) to report; null reports every label value ≥ 1 present in either map.</summary>
    public IReadOnlyList<int>? Labels { get; init; }

    /// <summary>Pixel spacing in mm; null uses the truth map's <see cref="LabelMap.SpacingMm"/>.</summary>
    public PixelSpacing? SpacingMm { get; init; }

    /// <summary>False skips the surface distances (they are then null), for Dice-only evaluation.</summary>
    public bool SurfaceDistances { get; init; } = true;
}
