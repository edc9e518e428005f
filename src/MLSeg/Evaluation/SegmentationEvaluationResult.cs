using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Studies;

namespace MLSeg.Evaluation;

/// <summary>
/// What <c>ml.Segmentation().Evaluate</c> computed: per-case metrics (Dice, HD, HD95, ASSD, RMS-DTA per label ≥ 1), the
/// accumulator that aggregates them (per class, per case, nnU-Net's foreground mean) and writes summary.json, and, when
/// the view held observer rows, the inter-observer analysis with the human band.
/// </summary>
public sealed class SegmentationEvaluationResult
{
    /// <summary>Wraps a filled accumulator.</summary>
    public SegmentationEvaluationResult(MetricAccumulator metrics, InterObserverAnalysis? observers = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Metrics = metrics;
        Observers = observers;
    }

    /// <summary>Observer pairs, observers vs consensus and the model vs each observer; null when the view had no observer rows.</summary>
    public InterObserverAnalysis? Observers { get; }

    /// <summary>The human band (range of the observer pairs' mean) of <paramref name="metric"/> for <paramref name="label"/>.</summary>
    /// <exception cref="InvalidOperationException">The view had no observer rows.</exception>
    public HumanBand HumanBand(string metric, int label) =>
        (Observers ?? throw new InvalidOperationException("No human band: the evaluated view had no observer rows (load the manifest with includeObservers: true)."))
            .Band(metric, label);

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
