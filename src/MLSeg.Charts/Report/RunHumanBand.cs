using MLSeg.Charts.Data;

namespace MLSeg.Charts.Report;

/// <summary>The human inter-observer band of one metric and label, read from a run folder's human_band.json.</summary>
/// <param name="Metric">The metric the band is in.</param>
/// <param name="Label">The label (class) it was measured on.</param>
/// <param name="Band">The range.</param>
/// <param name="Cases">How many cases with two or more observers it was measured on (0 when the file does not say).</param>
internal sealed record RunHumanBand(Metric Metric, int Label, HumanBand Band, int Cases);
