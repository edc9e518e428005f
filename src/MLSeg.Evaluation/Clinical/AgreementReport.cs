using MLSeg.Evaluation.Statistics;

namespace MLSeg.Evaluation.Clinical;

/// <summary>
/// Agreement of a predicted clinical measure with the truth over cases: Bland–Altman bias and limits, ICC(2,1)
/// (absolute agreement) and ICC(3,1) (consistency), mean absolute error and mean absolute percentage error.
/// </summary>
/// <param name="BlandAltman">Bias and limits of agreement (prediction − truth).</param>
/// <param name="Icc">ICC(2,1) and ICC(3,1), truth and prediction as the two raters.</param>
/// <param name="MeanAbsoluteError">mean |prediction − truth|, in the measure's unit.</param>
/// <param name="MeanAbsolutePercentError">mean |prediction − truth| / |truth| × 100.</param>
public sealed record AgreementReport(BlandAltman BlandAltman, IntraclassCorrelation Icc, double MeanAbsoluteError, double MeanAbsolutePercentError)
{
    /// <summary>Compares paired values (at least two cases; truth values must be non-zero for the percentage error).</summary>
    public static AgreementReport Compare(ReadOnlySpan<double> truth, ReadOnlySpan<double> prediction)
    {
        var ba = BlandAltman.Compute(truth, prediction);
        var icc = IntraclassCorrelation.Compute(truth, prediction);
        double abs = 0;
        double pct = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i] == 0)
            {
                throw new EvaluationException($"Case {i} has a true value of 0; the percentage error is undefined.");
            }

            double e = Math.Abs(prediction[i] - truth[i]);
            abs += e;
            pct += e / Math.Abs(truth[i]);
        }

        return new AgreementReport(ba, icc, abs / truth.Length, 100.0 * pct / truth.Length);
    }
}
