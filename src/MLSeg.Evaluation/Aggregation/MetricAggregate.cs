namespace MLSeg.Evaluation.Aggregation;

/// <summary>
/// Summary of one metric over cases: <see cref="Count"/> values present and <see cref="Missing"/> null values
/// (reported, never dropped silently). Mean, median and SD are null when no value is present.
/// </summary>
/// <param name="Count">Cases with a value.</param>
/// <param name="Missing">Cases where the metric was missing (null).</param>
/// <param name="Mean">Mean over present values.</param>
/// <param name="Median">Median over present values.</param>
/// <param name="StandardDeviation">Sample SD (n − 1) over present values; 0 for one value.</param>
public readonly record struct MetricAggregate(int Count, int Missing, double? Mean, double? Median, double? StandardDeviation)
{
    /// <summary>Aggregates values where null means missing.</summary>
    public static MetricAggregate From(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = new List<double>();
        int missing = 0;
        foreach (double? v in values)
        {
            if (v is { } x)
            {
                present.Add(x);
            }
            else
            {
                missing++;
            }
        }

        if (present.Count == 0)
        {
            return new MetricAggregate(0, missing, null, null, null);
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(present);
        return new MetricAggregate(
            present.Count,
            missing,
            Statistics.Descriptive.Mean(span),
            Statistics.Descriptive.Median(span),
            Statistics.Descriptive.StandardDeviation(span));
    }
}
