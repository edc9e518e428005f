using MLSeg.Core.Randomness;
using MLSeg.Evaluation.Statistics;

namespace MLSeg.Evaluation.Studies;

/// <summary>Data-efficiency analysis of learning curves: per-n summaries, paired strategy comparisons, human-band reach.</summary>
public static class DataEfficiency
{
    /// <summary>
    /// Summarises one strategy at training size <paramref name="n"/>: mean ± SD of <paramref name="foldValues"/> and
    /// a bootstrap CI of the mean over <paramref name="patientValues"/> (one value per patient, resampled with
    /// replacement from <paramref name="seed"/>).
    /// </summary>
    public static LearningCurvePoint Summarise(int n, ReadOnlySpan<double> foldValues, IReadOnlyDictionary<string, double> patientValues, SeedSource seed, int resamples = Bootstrap.DefaultResamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentNullException.ThrowIfNull(patientValues);
        double[] perPatient = patientValues.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToArray();
        var ci = Bootstrap.MeanInterval(perPatient, seed.Derive("bootstrap").Derive(n), resamples);
        return new LearningCurvePoint(n, Descriptive.Mean(foldValues), Descriptive.StandardDeviation(foldValues), ci, perPatient.Length);
    }

    /// <summary>
    /// Paired Wilcoxon signed-rank test of two strategies at equal n over the same patients.
    /// </summary>
    /// <exception cref="EvaluationException">The two strategies were evaluated on different patients.</exception>
    public static WilcoxonResult Compare(IReadOnlyDictionary<string, double> strategyA, IReadOnlyDictionary<string, double> strategyB)
    {
        ArgumentNullException.ThrowIfNull(strategyA);
        ArgumentNullException.ThrowIfNull(strategyB);
        var onlyA = strategyA.Keys.Except(strategyB.Keys).ToList();
        var onlyB = strategyB.Keys.Except(strategyA.Keys).ToList();
        if (onlyA.Count > 0 || onlyB.Count > 0)
        {
            throw new EvaluationException(
                $"Paired comparison needs the same patients: only in A: [{string.Join(", ", onlyA.Take(5))}], only in B: [{string.Join(", ", onlyB.Take(5))}].");
        }

        string[] ids = strategyA.Keys.Order(StringComparer.Ordinal).ToArray();
        return WilcoxonSignedRank.Test(ids.Select(i => strategyA[i]).ToArray(), ids.Select(i => strategyB[i]).ToArray());
    }

    /// <summary>
    /// The smallest n whose CI lower bound reaches <paramref name="band"/>'s lower edge, or null when no measured n does
    /// (see <see cref="ExtrapolateSize"/>).
    /// </summary>
    public static int? SmallestSizeReaching(IEnumerable<LearningCurvePoint> curve, HumanBand band) =>
        curve.Where(p => p.Interval.Lower >= band.Lower).Select(p => (int?)p.N).Min();

    /// <summary>
    /// Training size at which a power law 1 − Dice = a·n^(−b) fitted to the curve's means reaches the band's lower
    /// edge; null when the fitted curve never improves.
    /// </summary>
    public static double? ExtrapolateSize(IReadOnlyList<LearningCurvePoint> curve, HumanBand band)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var fit = PowerLawFit.Fit(curve.Select(p => (double)p.N).ToArray(), curve.Select(p => p.FoldMean).ToArray());
        return fit.SizeForDice(band.Lower);
    }
}
