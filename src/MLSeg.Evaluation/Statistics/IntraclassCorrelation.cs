namespace MLSeg.Evaluation.Statistics;

/// <summary>
/// Single-measure intraclass correlations of n targets × k raters from the two-way ANOVA mean squares
/// (Shrout &amp; Fleiss 1979): ICC(2,1) — two-way random effects, absolute agreement — and ICC(3,1) — two-way
/// mixed effects, consistency.
/// </summary>
/// <param name="Icc21">ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)MSE + k(MSC − MSE)/n).</param>
/// <param name="Icc31">ICC(3,1) = (MSR − MSE) / (MSR + (k − 1)MSE).</param>
/// <param name="Targets">n.</param>
/// <param name="Raters">k.</param>
public readonly record struct IntraclassCorrelation(double Icc21, double Icc31, int Targets, int Raters)
{
    /// <summary>Computes both ICCs from <paramref name="ratings"/>[target, rater] (n ≥ 2, k ≥ 2).</summary>
    public static IntraclassCorrelation Compute(double[,] ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        int n = ratings.GetLength(0);
        int k = ratings.GetLength(1);
        if (n < 2 || k < 2)
        {
            throw new ArgumentException($"ICC needs at least 2 targets and 2 raters; got {n}x{k}.", nameof(ratings));
        }

        double grand = 0;
        var rowMeans = new double[n];
        var colMeans = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double v = ratings[i, j];
                rowMeans[i] += v / k;
                colMeans[j] += v / n;
                grand += v / (n * k);
            }
        }

        double ssRows = 0;
        double ssCols = 0;
        double ssTotal = 0;
        for (int i = 0; i < n; i++)
        {
            ssRows += k * (rowMeans[i] - grand) * (rowMeans[i] - grand);
        }

        for (int j = 0; j < k; j++)
        {
            ssCols += n * (colMeans[j] - grand) * (colMeans[j] - grand);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                ssTotal += (ratings[i, j] - grand) * (ratings[i, j] - grand);
            }
        }

        double msr = ssRows / (n - 1);
        double msc = ssCols / (k - 1);
        double mse = (ssTotal - ssRows - ssCols) / ((n - 1.0) * (k - 1.0));
        double icc21 = (msr - mse) / (msr + ((k - 1) * mse) + (k * (msc - mse) / n));
        double icc31 = (msr - mse) / (msr + ((k - 1) * mse));
        return new IntraclassCorrelation(icc21, icc31, n, k);
    }

    /// <summary>ICCs of two paired series (truth as rater 1, prediction as rater 2).</summary>
    public static IntraclassCorrelation Compute(ReadOnlySpan<double> truth, ReadOnlySpan<double> prediction)
    {
        if (truth.Length != prediction.Length)
        {
            throw new ArgumentException($"Paired samples differ in length: truth {truth.Length}, prediction {prediction.Length}.", nameof(prediction));
        }

        var m = new double[truth.Length, 2];
        for (int i = 0; i < truth.Length; i++)
        {
            m[i, 0] = truth[i];
            m[i, 1] = prediction[i];
        }

        return Compute(m);
    }
}
