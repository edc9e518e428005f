namespace MLSeg.Evaluation.Statistics;

/// <summary>Descriptive statistics over finite samples.</summary>
public static class Descriptive
{
    /// <summary>Arithmetic mean; throws on an empty sample.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        RequireNonEmpty(values);
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation (denominator n − 1); 0 for a single value.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values)
    {
        double mean = Mean(values);
        if (values.Length == 1)
        {
            return 0;
        }

        double ss = 0;
        foreach (double v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }

    /// <summary>Median (the mean of the two middle values for an even count).</summary>
    public static double Median(ReadOnlySpan<double> values) => Percentile(values, 50);

    /// <summary>
    /// The <paramref name="percent"/>-th percentile with linear interpolation between order statistics at rank
    /// (p / 100)·(n − 1) — numpy's default ("linear") definition.
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> values, double percent)
    {
        RequireNonEmpty(values);
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        return PercentileOfSorted(sorted, percent);
    }

    /// <summary>As <see cref="Percentile"/>, for values already sorted ascending.</summary>
    public static double PercentileOfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        RequireNonEmpty(sorted);
        if (!(percent >= 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), $"Percentile must lie in [0, 100]; got {percent}.");
        }

        double rank = percent / 100.0 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        double t = rank - lo;
        return sorted[lo] + (t * (sorted[hi] - sorted[lo]));
    }

    private static void RequireNonEmpty(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample is empty; at least one value is needed.", nameof(values));
        }
    }
}
