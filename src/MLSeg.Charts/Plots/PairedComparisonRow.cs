namespace MLSeg.Charts.Plots;

/// <summary>
/// Candidate vs baseline source at one training size n over matched (fold, seed, case) pairs: mean difference
/// (candidate − baseline), its 95% t confidence interval, and how many pairs the candidate did better on.
/// </summary>
public sealed record PairedComparisonRow(int N, string Baseline, string Candidate, int Pairs, double MeanDifference, double Ci95Low, double Ci95High, int CandidateBetter);
