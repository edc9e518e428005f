namespace MLSeg.Evaluation.Statistics;

/// <summary>Result of a two-sided Wilcoxon signed-rank test.</summary>
/// <param name="Statistic">min(W+, W−), the statistic scipy.stats.wilcoxon reports for a two-sided test.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Pairs">Pairs with a non-zero difference (zeros are dropped, Wilcoxon's original rule).</param>
/// <param name="Exact">True when the exact distribution was used.</param>
public readonly record struct WilcoxonResult(double Statistic, double PValue, int Pairs, bool Exact);
