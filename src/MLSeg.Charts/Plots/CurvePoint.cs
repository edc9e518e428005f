namespace MLSeg.Charts.Plots;

/// <summary>
/// One point of a learning curve: over the (fold, seed) replicates of (source, n), the mean of their per-case means,
/// the sample SD between replicates, the 95% CI half-width of the mean, and the replicate count.
/// </summary>
public sealed record CurvePoint(string Source, int N, double Mean, double StandardDeviation, double Ci95HalfWidth, int Replicates);
