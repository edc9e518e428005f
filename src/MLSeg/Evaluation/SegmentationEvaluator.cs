using System.Globalization;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
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
        int li = data.Schema.Require(labelColumn, typeof(LabelMap));
        int pi = data.Schema.Require(predictionColumn, typeof(LabelMap));
        int ci = caseIdColumn is null ? -1 : data.Schema.Require(caseIdColumn, typeof(string));
        var accumulator = new MetricAccumulator();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int rowIndex = 0;
        foreach (DataRow row in data.GetRows())
        {
            string id = ci < 0 ? rowIndex.ToString(CultureInfo.InvariantCulture) : (string?)row[ci] ?? string.Empty;
            int n = seen.TryGetValue(id, out int k) ? k + 1 : 1;
            seen[id] = n;
            string caseId = n == 1 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}#{n}");
            var truth = row[li] as LabelMap ?? throw new MLSegException($"Evaluate: column '{labelColumn}' holds null in row {rowIndex} ({caseId}).");
            var prediction = row[pi] as LabelMap ?? throw new MLSegException($"Evaluate: column '{predictionColumn}' holds null in row {rowIndex} ({caseId}).");
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
