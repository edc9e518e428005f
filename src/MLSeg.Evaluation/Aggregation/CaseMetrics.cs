using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation.Aggregation;

/// <summary>The metrics of one case (image or patient), with the files they came from when known.</summary>
/// <param name="CaseId">Unique case identifier within an accumulator.</param>
/// <param name="Result">Per-label metrics.</param>
/// <param name="ReferenceFile">Truth mask file, or null.</param>
/// <param name="PredictionFile">Predicted mask file, or null.</param>
public sealed record CaseMetrics(string CaseId, SegmentationResult Result, string? ReferenceFile = null, string? PredictionFile = null);
