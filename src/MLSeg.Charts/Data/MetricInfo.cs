namespace MLSeg.Charts.Data;

/// <summary>Display names, units and direction of each <see cref="Metric"/>.</summary>
public static class MetricInfo
{
    /// <summary>Every metric, in report order.</summary>
    public static IReadOnlyList<Metric> All { get; } = [Metric.Dice, Metric.Hd95, Metric.Assd, Metric.RmsDta];

    /// <summary>Axis label with unit, e.g. <c>HD95 (mm)</c>.</summary>
    public static string AxisLabel(Metric metric) => metric switch
    {
        Metric.Dice => "Dice",
        Metric.Hd95 => "HD95 (mm)",
        Metric.Assd => "ASSD (mm)",
        Metric.RmsDta => "RMS-DTA (mm)",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>Short name, e.g. <c>HD95</c>.</summary>
    public static string ShortName(Metric metric) => metric switch
    {
        Metric.Dice => "Dice",
        Metric.Hd95 => "HD95",
        Metric.Assd => "ASSD",
        Metric.RmsDta => "RMS-DTA",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>True for overlap scores (Dice), false for distances.</summary>
    public static bool HigherIsBetter(Metric metric) => metric == Metric.Dice;

    /// <summary>The metric's value in <paramref name="row"/>.</summary>
    public static double Of(ResultRow row, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(row);
        return metric switch
        {
            Metric.Dice => row.Dice,
            Metric.Hd95 => row.Hd95,
            Metric.Assd => row.Assd,
            Metric.RmsDta => row.RmsDta,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
        };
    }
}
