using System.Globalization;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Pipeline;
using MLSeg.Evaluation.Aggregation;
using MLSeg.Evaluation.Metrics;

namespace MLSeg.Evaluation;

/// <summary>Computes <see cref="SegmentationMetrics"/> for every row of a view that holds a label and a prediction column.</summary>
public static class SegmentationEvaluator
{
    /// <summary>
    /// Evaluates each row's <paramref name="predictionColumn"/> against its <paramref name="labelColumn"/>. Case ids come
    /// from <paramref name="caseIdColumn"/> (a string column; a repeated id gets <c>#2</c>, <c>#3</c>, … in row order),
    /// or are the row numbers when it is null.
    /// </summary>
    /// <exception cref="SchemaMismatchException">A column is missing or of another type.</exception>
    public static SegmentationEvaluationResult Evaluate(IDataView data, string labelColumn, string predictionColumn, string? caseIdColumn,
        MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataViewSchema.Column lc = ViewReader.Require(data.Schema, ColumnRequirement.LabelMap(labelColumn));
        DataViewSchema.Column pc = ViewReader.Require(data.Schema, ColumnRequirement.LabelMap(predictionColumn));
        DataViewSchema.Column? cc = caseIdColumn is null ? null : ViewReader.Require(data.Schema, ColumnRequirement.Text(caseIdColumn));
        using DataViewRowCursor cursor = data.GetRowCursor(cc is { } c ? [lc, pc, c] : [lc, pc]);
        ValueGetter<LabelMap> labelGetter = cursor.GetGetter<LabelMap>(lc);
        ValueGetter<LabelMap> predictionGetter = cursor.GetGetter<LabelMap>(pc);
        ValueGetter<ReadOnlyMemory<char>>? caseGetter = cc is { } cid ? cursor.GetGetter<ReadOnlyMemory<char>>(cid) : null;
        var accumulator = new MetricAccumulator();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int rowIndex = 0;
        ReadOnlyMemory<char> text = default;
        LabelMap? truth = null;
        LabelMap? prediction = null;
        while (cursor.MoveNext())
        {
            caseGetter?.Invoke(ref text);
            string id = caseGetter is null ? rowIndex.ToString(CultureInfo.InvariantCulture) : text.ToString();
            int n = seen.TryGetValue(id, out int k) ? k + 1 : 1;
            seen[id] = n;
            string caseId = n == 1 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}#{n}");
            labelGetter(ref truth!);
            predictionGetter(ref prediction!);
            _ = truth ?? throw new MLSegException($"Evaluate: column '{labelColumn}' holds null in row {rowIndex} ({caseId}).");
            _ = prediction ?? throw new MLSegException($"Evaluate: column '{predictionColumn}' holds null in row {rowIndex} ({caseId}).");
            accumulator.Append(caseId, SegmentationMetrics.Compute(truth, prediction, options));
            rowIndex++;
        }

        if (rowIndex == 0)
        {
            throw new MLSegException("Evaluate: the view has no rows.");
        }

        return new SegmentationEvaluationResult(accumulator);
    }
}
