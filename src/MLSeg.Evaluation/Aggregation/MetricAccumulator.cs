using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation.Aggregation;

/// <summary>
/// Collects per-case, per-label metrics and aggregates them (MONAI's cumulative-metric pattern: <see cref="Reset"/>,
/// <see cref="Append(CaseMetrics)"/>, then aggregate per class, per case, or over the foreground classes). Null values are
/// counted as missing in every aggregate, never treated as 0.
/// </summary>
public sealed class MetricAccumulator
{
    private readonly List<CaseMetrics> _cases = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Cases appended since the last <see cref="Reset"/>, in order.</summary>
    public IReadOnlyList<CaseMetrics> Cases => _cases;

    /// <summary>Label values seen in any case, ascending.</summary>
    public IReadOnlyList<int> Labels => _cases.SelectMany(c => c.Result.Labels.Keys).Distinct().Order().ToList();

    /// <summary>Forgets every case.</summary>
    public void Reset()
    {
        _cases.Clear();
        _ids.Clear();
    }

    /// <summary>Adds one case; a case id already present is a caller bug.</summary>
    public void Append(CaseMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!_ids.Add(metrics.CaseId))
        {
            throw new ArgumentException($"Case '{metrics.CaseId}' was already appended; case ids must be unique.", nameof(metrics));
        }

        _cases.Add(metrics);
    }

    /// <summary>Adds one case by id.</summary>
    public void Append(string caseId, SegmentationResult result) => Append(new CaseMetrics(caseId, result));

    /// <summary>
    /// <paramref name="metric"/> (see <see cref="LabelMetrics.Names"/>) of <paramref name="label"/> over all cases;
    /// a case that did not evaluate the label counts as missing.
    /// </summary>
    public MetricAggregate Aggregate(string metric, int label) =>
        MetricAggregate.From(_cases.Select(c => c.Result.Labels.TryGetValue(label, out var m) ? m.Get(metric) : null));

    /// <summary>Per-class aggregates of <paramref name="metric"/>, keyed by label.</summary>
    public IReadOnlyDictionary<int, MetricAggregate> PerClass(string metric) =>
        Labels.ToDictionary(l => l, l => Aggregate(metric, l));

    /// <summary>
    /// Per case, the mean of <paramref name="metric"/> over the labels with a value (null when none has one).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double?>> PerCase(string metric) =>
        _cases.Select(c =>
        {
            var values = c.Result.Labels.Values.Select(m => m.Get(metric)).OfType<double>().ToList();
            return new KeyValuePair<string, double?>(c.CaseId, values.Count == 0 ? null : values.Average());
        }).ToList();

    /// <summary>Aggregate of the per-case means (<see cref="PerCase"/>).</summary>
    public MetricAggregate AggregatePerCase(string metric) => MetricAggregate.From(PerCase(metric).Select(kv => kv.Value));

    /// <summary>
    /// nnU-Net's <c>foreground_mean</c>: the mean over labels of each label's mean (labels with no value are left
    /// out and reported through <see cref="PerClass"/>); null when no label has a value.
    /// </summary>
    public double? ForegroundMean(string metric)
    {
        var means = PerClass(metric).Values.Select(a => a.Mean).OfType<double>().ToList();
        return means.Count == 0 ? null : means.Average();
    }
}
