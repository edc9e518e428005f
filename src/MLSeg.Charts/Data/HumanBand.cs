namespace MLSeg.Charts.Data;

/// <summary>The human inter-observer range of a metric (e.g. Dice 0.88–0.93 between two expert readers), drawn as a shaded band.</summary>
public sealed record HumanBand
{
    /// <summary>Creates the band; both bounds must be finite with <paramref name="lower"/> ≤ <paramref name="upper"/>.</summary>
    public HumanBand(double lower, double upper)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower > upper)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), $"Human band needs finite bounds with lower <= upper; got [{lower}, {upper}].");
        }

        Lower = lower;
        Upper = upper;
    }

    /// <summary>Lower bound in the metric's unit.</summary>
    public double Lower { get; }

    /// <summary>Upper bound in the metric's unit.</summary>
    public double Upper { get; }

    /// <summary>Text shown beside the band.</summary>
    public string Label { get; init; } = "Human inter-observer range";

    /// <summary>Whether a model value reaches human performance: ≥ lower for Dice, ≤ upper for distances.</summary>
    public bool IsReachedBy(double value, Metric metric) =>
        MetricInfo.HigherIsBetter(metric) ? value >= Lower : value <= Upper;
}
