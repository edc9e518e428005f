using MLSeg.Evaluation.Aggregation;

namespace MLSeg.Evaluation;

/// <summary>
/// What <c>ctx.Evaluation.Evaluate</c> computed: per-case metrics (Dice, HD, HD95, ASSD, RMS-DTA per label ≥ 1) and
/// the accumulator that aggregates them (per class, per case, nnU-Net's foreground mean) and writes summary.json.
/// </summary>
public sealed class SegmentationEvaluationResult
{
    /// <summary>Wraps a filled accumulator.</summary>
    public SegmentationEvaluationResult(MetricAccumulator metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Metrics = metrics;
    }

    /// <summary>The accumulator holding every case.</summary>
    public MetricAccumulator Metrics { get; }

    /// <summary>Per-case results in view order.</summary>
    public IReadOnlyList<CaseMetrics> Cases => Metrics.Cases;

    /// <summary>Per case, the mean Dice over its labels (null where no label has a value).</summary>
    public IReadOnlyList<KeyValuePair<string, double?>> PerCaseDice => Metrics.PerCase("dice");

    /// <summary>Mean over labels of each label's mean Dice (nnU-Net's foreground mean); null when none has a value.</summary>
    public double? ForegroundMeanDice => Metrics.ForegroundMean("dice");

    /// <summary>Writes summary.json (per case, mean, per class) atomically to <paramref name="path"/>.</summary>
    public void WriteSummary(string path) => SummaryJsonWriter.Write(Metrics, path);
}
