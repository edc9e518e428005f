using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;
using MLSeg.Evaluation.Studies;
using MLSeg.Pipeline;

namespace MLSeg.Evaluation;

/// <summary>Computes <see cref="SegmentationMetrics"/> for every row of a view that holds a label and a prediction column.</summary>
public static class SegmentationEvaluator
{
    /// <summary>
    /// Evaluates each reference row's <paramref name="predictionColumn"/> against its <paramref name="labelColumn"/>.
    /// Case ids come from <paramref name="caseIdColumn"/> (a text column; a repeated id gets <c>#2</c>, <c>#3</c>, … in row
    /// order), or are the row numbers when it is null. When the view has the Int32 column <paramref name="observerColumn"/>
    /// (manifests loaded with <c>includeObservers: true</c>), rows with observer 0 are the reference and are scored; the
    /// rows of observers 1…K hold each observer's mask of the case, and with K ≥ 2 they form the inter-observer analysis
    /// (observer pairs, the human band, the model against each observer), grouped by case id.
    /// </summary>
    /// <exception cref="SchemaMismatchException">A column is missing or of another type.</exception>
    public static SegmentationEvaluationResult Evaluate(IDataView data, string labelColumn, string predictionColumn, string? caseIdColumn,
        MetricOptions? options = null, string observerColumn = Data.WellKnownColumns.Observer)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema.Column lc = ViewReader.Require(data.Schema, ColumnRequirement.LabelMap(labelColumn));
        DataViewSchema.Column pc = ViewReader.Require(data.Schema, ColumnRequirement.LabelMap(predictionColumn));
        DataViewSchema.Column? cc = caseIdColumn is null ? null : ViewReader.Require(data.Schema, ColumnRequirement.Text(caseIdColumn));
        DataViewSchema.Column? oc = data.Schema.GetColumnOrNull(observerColumn) is { Type: NumberDataViewType t } o && t == NumberDataViewType.Int32 ? o : null;
        List<DataViewSchema.Column> needed = [lc, pc];
        needed.AddRange(new[] { cc, oc }.OfType<DataViewSchema.Column>());
        using DataViewRowCursor cursor = data.GetRowCursor(needed);
        ValueGetter<LabelMap> labelGetter = cursor.GetGetter<LabelMap>(lc);
        ValueGetter<LabelMap> predictionGetter = cursor.GetGetter<LabelMap>(pc);
        ValueGetter<ReadOnlyMemory<char>>? caseGetter = cc is { } cid ? cursor.GetGetter<ReadOnlyMemory<char>>(cid) : null;
        ValueGetter<int>? observerGetter = oc is { } ocol ? cursor.GetGetter<int>(ocol) : null;
        var accumulator = new MetricAccumulator();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var observers = new SortedDictionary<string, (Dictionary<string, LabelMap> Masks, LabelMap? Model)>(StringComparer.Ordinal);
        int rowIndex = 0;
        ReadOnlyMemory<char> text = default;
        LabelMap? truth = null;
        LabelMap? prediction = null;
        int observer = 0;
        while (cursor.MoveNext())
        {
            caseGetter?.Invoke(ref text);
            observerGetter?.Invoke(ref observer);
            string id = caseGetter is null ? rowIndex.ToString(CultureInfo.InvariantCulture) : text.ToString();
            labelGetter(ref truth!);
            predictionGetter(ref prediction!);
            _ = truth ?? throw new MLSegException($"Evaluate: column '{labelColumn}' holds null in row {rowIndex} ({id}).");
            _ = prediction ?? throw new MLSegException($"Evaluate: column '{predictionColumn}' holds null in row {rowIndex} ({id}).");
            rowIndex++;
            if (observer > 0)
            {
                var entry = observers.TryGetValue(id, out var e) ? e : (new Dictionary<string, LabelMap>(StringComparer.Ordinal), null);
                if (!entry.Masks.TryAdd(observer.ToString(CultureInfo.InvariantCulture), truth))
                {
                    throw new MLSegException($"Evaluate: case '{id}' has two rows of observer {observer}; observer masks must be one per case.");
                }

                observers[id] = (entry.Masks, prediction);
                continue;
            }

            int n = seen.TryGetValue(id, out int k) ? k + 1 : 1;
            seen[id] = n;
            string caseId = n == 1 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}#{n}");
            accumulator.Append(caseId, SegmentationMetrics.Compute(truth, prediction, options));
        }

        if (seen.Count == 0)
        {
            throw new MLSegException(rowIndex == 0 ? "Evaluate: the view has no rows." : $"Evaluate: the view has no reference rows ({observerColumn} = 0), only observer rows.");
        }

        InterObserverAnalysis? analysis = observers.Count == 0 ? null
            : InterObserverAnalysis.Run([.. observers.Select(o => new ObserverCase(o.Key, o.Value.Masks, o.Value.Model))], options);
        return new SegmentationEvaluationResult(accumulator, analysis);
    }
}
