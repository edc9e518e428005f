namespace MLSeg.Evaluation.Statistics;

/// <summary>
/// Bland–Altman agreement of paired measurements: differences d = prediction − truth, bias = mean(d),
/// limits of agreement = bias ± 1.96·SD(d) (SD with n − 1).
/// </summary>
/// <param name="Bias">Mean difference (prediction − truth), in the measure's unit.</param>
/// <param name="StandardDeviation">Sample SD of the differences.</param>
/// <param name="LowerLimit">bias − 1.96·SD.</param>
/// <param name="UpperLimit">bias + 1.96·SD.</param>
/// <param name="Count">Number of pairs.</param>
public readonly record struct BlandAltman(double Bias, double StandardDeviation, double LowerLimit, double UpperLimit, int Count)
{
    /// <summary>The normal quantile for 95 % limits of agreement, as Bland and Altman (1986) use it.</summary>
    public const double Z95 = 1.96;

    /// <summary>Computes the agreement of <paramref name="prediction"/> with <paramref name="truth"/> (at least two pairs).</summary>
    public static BlandAltman Compute(ReadOnlySpan<double> truth, ReadOnlySpan<double> prediction)
    {
        if (truth.Length != prediction.Length)
        {
            throw new ArgumentException($"Paired samples differ in length: truth {truth.Length}, prediction {prediction.Length}.", nameof(prediction));
        }

        if (truth.Length < 2)
        {
            throw new ArgumentException($"Bland–Altman needs at least 2 pairs; got {truth.Length}.", nameof(truth));
        }

        var d = new double[truth.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = prediction[i] - truth[i];
        }

        double bias = Descriptive.Mean(d);
        double sd = Descriptive.StandardDeviation(d);
        return new BlandAltman(bias, sd, bias - (Z95 * sd), bias + (Z95 * sd), d.Length);
    }
}
