using MLSeg.Evaluation.Statistics;

namespace MLSeg.Evaluation.Studies;

/// <summary>One strategy at one training size: spread over folds and a patient-bootstrap CI.</summary>
/// <param name="N">Training size.</param>
/// <param name="FoldMean">Mean over folds of the fold-level metric.</param>
/// <param name="FoldSd">Sample SD over folds (0 for one fold).</param>
/// <param name="Interval">Bootstrap CI of the mean over patients.</param>
/// <param name="Patients">Patients in the bootstrap.</param>
public readonly record struct LearningCurvePoint(int N, double FoldMean, double FoldSd, ConfidenceInterval Interval, int Patients);
