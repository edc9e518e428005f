using MLSeg.Evaluation.Distances;

namespace MLSeg.Evaluation.Metrics;

/// <summary>
/// Metrics of one label in one image. Null means missing: Dice when both masks lack the label under
/// <see cref="BothEmptyDice.Missing"/>; the distances (mm) whenever either mask lacks it. Missing values are never
/// replaced by 0 and are counted as missing by <see cref="Aggregation.MetricAccumulator"/>.
/// </summary>
/// <param name="Dice">Dice similarity coefficient in [0, 1].</param>
/// <param name="Hd">Hausdorff distance, mm.</param>
/// <param name="Hd95">95th-percentile symmetric surface distance, mm.</param>
/// <param name="Assd">Average symmetric surface distance, mm.</param>
/// <param name="RmsDta">Root mean square distance-to-agreement, mm.</param>
public sealed record LabelMetrics(double? Dice, double? Hd, double? Hd95, double? Assd, double? RmsDta)
{
    /// <summary>Metric names as serialised, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["dice", "hd", "hd95", "assd", "rmsDta"];

    /// <summary>Combines a Dice value with optional surface distances.</summary>
    public static LabelMetrics From(double? dice, SurfaceDistanceSummary? distances) =>
        distances is { } d ? new LabelMetrics(dice, d.Hd, d.Hd95, d.Assd, d.RmsDta) : new LabelMetrics(dice, null, null, null, null);

    /// <summary>The value of the metric named as in <see cref="Names"/>.</summary>
    public double? Get(string name) => name switch
    {
        "dice" => Dice,
        "hd" => Hd,
        "hd95" => Hd95,
        "assd" => Assd,
        "rmsDta" => RmsDta,
        _ => throw new ArgumentOutOfRangeException(nameof(name), $"Unknown metric '{name}'; expected one of {string.Join(", ", Names)}."),
    };
}
