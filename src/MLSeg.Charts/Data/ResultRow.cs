namespace MLSeg.Charts.Data;

/// <summary>
/// One row of results.csv: the metrics of one arm (source task, training size n, fold, seed) on one held-out case and
/// one label. Distances are in mm; NaN marks an undefined value (e.g. HD95 with an empty prediction).
/// </summary>
public sealed record ResultRow(string Source, int N, int Fold, int Seed, string Case, int Label, double Dice, double Hd95, double Assd, double RmsDta);
