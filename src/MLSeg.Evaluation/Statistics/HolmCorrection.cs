namespace MLSeg.Evaluation.Statistics;

/// <summary>Holm–Bonferroni step-down adjustment of a family of p-values.</summary>
public static class HolmCorrection
{
    /// <summary>
    /// Adjusted p-values in the input order: sorted ascending, the i-th (0-based) is multiplied by (m − i), capped at
    /// 1, and made monotone non-decreasing.
    /// </summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        int m = pValues.Length;
        for (int i = 0; i < m; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), $"p-value {i} is {pValues[i]}; p-values lie in [0, 1].");
            }
        }

        int[] order = Enumerable.Range(0, m).ToArray();
        double[] keys = pValues.ToArray();
        Array.Sort(keys, order);
        var adjusted = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - i) * keys[i]));
            adjusted[order[i]] = running;
        }

        return adjusted;
    }
}
