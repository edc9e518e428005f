using MLSeg.Core.Pipeline;
using MLSeg.Evaluation;
using MLSeg.Evaluation.Metrics;

namespace MLSeg.Catalogs;

/// <summary>Metrics over predicted views (<c>ctx.Evaluation</c>).</summary>
public sealed class EvaluationCatalog
{
    internal EvaluationCatalog() { }

    /// <summary>
    /// Dice, HD, HD95, ASSD and RMS-DTA per label ≥ 1 for every row (<see cref="SegmentationMetrics"/>), keyed by
    /// <paramref name="caseIdColumn"/> (null: row numbers), with the per-class/per-case summary.
    /// </summary>
    public SegmentationEvaluationResult Evaluate(IDataView data, string labelColumn = WellKnownColumns.Label,
        string predictionColumn = Training.FineTuneEstimator.Defaults.PredictionColumn, string? caseIdColumn = WellKnownColumns.PatientId,
        MetricOptions? options = null) =>
        SegmentationEvaluator.Evaluate(data, labelColumn, predictionColumn, caseIdColumn, options);
}
