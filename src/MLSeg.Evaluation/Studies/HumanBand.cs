namespace MLSeg.Evaluation.Studies;

/// <summary>
/// The range of human agreement for one label and metric: the lowest and highest mean over images of the pairwise
/// observer values (e.g. Dice of observer i vs observer j).
/// </summary>
/// <param name="Lower">Smallest pairwise mean.</param>
/// <param name="Upper">Largest pairwise mean.</param>
public readonly record struct HumanBand(double Lower, double Upper);
