namespace MLSeg.Evaluation.Statistics;

/// <summary>
/// Two-sided Wilcoxon signed-rank test of paired samples (x − y), dropping zero differences. Exact for small
/// samples without ties; otherwise the normal approximation with the tie-corrected variance
/// n(n+1)(2n+1)/24 − Σ(t³ − t)/48 and a continuity correction of 0.5.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>Largest number of non-zero pairs for which <see cref="WilcoxonMethod.Auto"/> uses the exact distribution.</summary>
    public const int ExactMaxPairs = 50;

    /// <summary>Tests whether the paired differences x − y are symmetric about zero.</summary>
    /// <exception cref="InvalidOperationException">Every difference is zero, or an exact test was asked for with zeros or ties.</exception>
    public static WilcoxonResult Test(ReadOnlySpan<double> x, ReadOnlySpan<double> y, WilcoxonMethod method = WilcoxonMethod.Auto)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Paired samples differ in length: {x.Length} and {y.Length}.", nameof(y));
        }

        var d = new List<double>(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double diff = x[i] - y[i];
            if (!double.IsFinite(diff))
            {
                throw new ArgumentException($"Pair {i} is not finite: x={x[i]}, y={y[i]}.", nameof(x));
            }

            if (diff != 0)
            {
                d.Add(diff);
            }
        }

        int n = d.Count;
        bool hadZeros = n != x.Length;
        if (n == 0)
        {
            throw new InvalidOperationException($"All {x.Length} paired differences are zero; the signed-rank test is undefined.");
        }

        double[] ranks = Ranking.AverageRanks(d.Select(Math.Abs).ToArray(), out var ties);
        double wPlus = 0;
        double wMinus = 0;
        for (int i = 0; i < n; i++)
        {
            if (d[i] > 0)
            {
                wPlus += ranks[i];
            }
            else
            {
                wMinus += ranks[i];
            }
        }

        double statistic = Math.Min(wPlus, wMinus);
        bool exact = method switch
        {
            WilcoxonMethod.Exact when hadZeros || ties.Count > 0 => throw new InvalidOperationException(
                $"The exact signed-rank distribution needs no zero and no tied differences; found {x.Length - n} zeros and {ties.Count} tie groups. Use the normal approximation."),
            WilcoxonMethod.Exact => true,
            WilcoxonMethod.NormalApproximation => false,
            _ => n <= ExactMaxPairs && !hadZeros && ties.Count == 0,
        };

        double p = exact ? ExactPValue(n, (int)Math.Round(wPlus)) : NormalPValue(n, statistic, ties);
        return new WilcoxonResult(statistic, p, n, exact);
    }

    private static double ExactPValue(int n, int wPlus)
    {
        // counts[s] = number of subsets of {1…n} whose rank sum is s; every sign pattern has probability 2^−n.
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int r = 1; r <= n; r++)
        {
            for (int s = max; s >= r; s--)
            {
                counts[s] += counts[s - r];
            }
        }

        double total = Math.Pow(2, n);
        if (2 * wPlus == max)
        {
            return 1.0;
        }

        double less = 0;
        for (int s = 0; s <= wPlus; s++)
        {
            less += counts[s];
        }

        double greater = 0;
        for (int s = wPlus; s <= max; s++)
        {
            greater += counts[s];
        }

        return Math.Min(1.0, 2.0 * Math.Min(less, greater) / total);
    }

    private static double NormalPValue(int n, double statistic, List<int> ties)
    {
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1.0) * ((2.0 * n) + 1.0);
        foreach (int t in ties)
        {
            variance -= 0.5 * t * (((double)t * t) - 1.0);
        }

        double se = Math.Sqrt(variance / 24.0);
        double z = (statistic - mean - (0.5 * Math.Sign(statistic - mean))) / se;
        return Math.Min(1.0, 2.0 * NormalDistribution.SurvivalFunction(Math.Abs(z)));
    }
}
