using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation.Studies;

/// <summary>
/// Inter-observer study: every observer pair, every observer against the majority-vote consensus, and the model
/// against every observer, each as a <see cref="MetricAccumulator"/> over images (keys such as <c>A~B</c>,
/// <c>A~consensus</c>, <c>model~A</c>). The human band comes from the observer pairs.
/// </summary>
public sealed class InterObserverAnalysis
{
    private InterObserverAnalysis(Dictionary<string, MetricAccumulator> pairs, Dictionary<string, MetricAccumulator> consensus, Dictionary<string, MetricAccumulator> model)
    {
        ObserverPairs = pairs;
        ObserverVsConsensus = consensus;
        ModelVsObserver = model;
    }

    /// <summary>Observer i vs observer j (i before j in name order), keyed <c>i~j</c>.</summary>
    public IReadOnlyDictionary<string, MetricAccumulator> ObserverPairs { get; }

    /// <summary>Each observer (as prediction) vs the consensus (as truth), keyed by observer.</summary>
    public IReadOnlyDictionary<string, MetricAccumulator> ObserverVsConsensus { get; }

    /// <summary>The model (as prediction) vs each observer (as truth), keyed by observer; empty without model maps.</summary>
    public IReadOnlyDictionary<string, MetricAccumulator> ModelVsObserver { get; }

    /// <summary>Evaluates every case with <paramref name="options"/>; all cases must have the same observers.</summary>
    public static InterObserverAnalysis Run(IReadOnlyList<ObserverCase> cases, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            throw new ArgumentException("No cases to analyse.", nameof(cases));
        }

        string[] names = cases[0].Observers.Keys.Order(StringComparer.Ordinal).ToArray();
        if (names.Length < 2)
        {
            throw new ArgumentException($"Inter-observer analysis needs at least 2 observers; case '{cases[0].CaseId}' has {names.Length}.", nameof(cases));
        }

        var pairs = new Dictionary<string, MetricAccumulator>(StringComparer.Ordinal);
        var consensus = new Dictionary<string, MetricAccumulator>(StringComparer.Ordinal);
        var model = new Dictionary<string, MetricAccumulator>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            string[] these = c.Observers.Keys.Order(StringComparer.Ordinal).ToArray();
            if (!these.SequenceEqual(names, StringComparer.Ordinal))
            {
                throw new EvaluationException($"Case '{c.CaseId}' has observers [{string.Join(", ", these)}]; expected [{string.Join(", ", names)}] as in case '{cases[0].CaseId}'.");
            }

            for (int i = 0; i < names.Length; i++)
            {
                for (int j = i + 1; j < names.Length; j++)
                {
                    Add(pairs, $"{names[i]}~{names[j]}", c.CaseId, SegmentationMetrics.Compute(c.Observers[names[i]], c.Observers[names[j]], options));
                }
            }

            var vote = MajorityVote.Consensus(names.Select(n => c.Observers[n]).ToList());
            foreach (string n in names)
            {
                Add(consensus, n, c.CaseId, SegmentationMetrics.Compute(vote, c.Observers[n], options));
                if (c.Model is not null)
                {
                    Add(model, n, c.CaseId, SegmentationMetrics.Compute(c.Observers[n], c.Model, options));
                }
            }
        }

        return new InterObserverAnalysis(pairs, consensus, model);
    }

    /// <summary>The human band of <paramref name="metric"/> for <paramref name="label"/> from the observer pairs' means.</summary>
    public HumanBand Band(string metric, int label)
    {
        var means = ObserverPairs.Values.Select(a => a.Aggregate(metric, label).Mean).OfType<double>().ToList();
        if (means.Count == 0)
        {
            throw new EvaluationException($"No observer pair has a value of '{metric}' for label {label}.");
        }

        return new HumanBand(means.Min(), means.Max());
    }

    private static void Add(Dictionary<string, MetricAccumulator> into, string key, string caseId, SegmentationResult result)
    {
        if (!into.TryGetValue(key, out var acc))
        {
            into[key] = acc = new MetricAccumulator();
        }

        acc.Append(caseId, result);
    }
}
