namespace MLSeg.Charts.Data;

/// <summary>Descriptive statistics for chart bands: mean, sample SD, and the 95% t confidence interval of the mean.</summary>
public static class Stats
{
    // Two-sided 95% Student t critical values t(0.975, df) for df = 1…30 (standard tables).
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Mean of the finite values; NaN when there are none.</summary>
    public static double Mean(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        int n = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                sum += v;
                n++;
            }
        }

        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>Sample standard deviation (n − 1) of the finite values; NaN with fewer than two.</summary>
    public static double StandardDeviation(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] x = [.. values.Where(double.IsFinite)];
        if (x.Length < 2)
        {
            return double.NaN;
        }

        double mean = x.Average();
        double ss = 0;
        foreach (double v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (x.Length - 1));
    }

    /// <summary>
    /// t(0.975, <paramref name="degreesOfFreedom"/>): table values up to 30, beyond that the Cornish–Fisher expansion
    /// around z = 1.959964 (error below 1e-4 for df &gt; 30).
    /// </summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (degreesOfFreedom <= T975.Length)
        {
            return T975[degreesOfFreedom - 1];
        }

        const double z = 1.959963984540054;
        double v = degreesOfFreedom;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + ((z3 + z) / (4 * v)) + (((5 * z5) + (16 * z3) + (3 * z)) / (96 * v * v));
    }

    /// <summary>Half-width of the 95% confidence interval of the mean of the finite values; NaN with fewer than two.</summary>
    public static double Ci95HalfWidth(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] x = [.. values.Where(double.IsFinite)];
        return x.Length < 2 ? double.NaN : TQuantile975(x.Length - 1) * StandardDeviation(x) / Math.Sqrt(x.Length);
    }
}
