using MLSeg.Core.Imaging;
using MLSeg.Evaluation.Distances;

namespace MLSeg.Evaluation.Metrics;

/// <summary>
/// Dice and surface distances (HD, HD95, ASSD, RMS-DTA in mm) per label value ≥ 1 between a truth and a predicted
/// label map — the library entry point behind <c>mlseg metrics</c>.
/// </summary>
public static class SegmentationMetrics
{
    [ThreadStatic]
    private static SurfaceDistanceCalculator? t_calculator;

    /// <summary>
    /// Evaluates <paramref name="prediction"/> against <paramref name="truth"/>. Spacing comes from
    /// <see cref="MetricOptions.SpacingMm"/> or else from the truth map; a prediction at 1×1 mm (e.g. read from PNG,
    /// which carries none) is taken to share the truth's grid.
    /// </summary>
    /// <exception cref="EvaluationException">
    /// The maps differ in size, or, with no spacing option, the prediction carries a spacing other than the truth's and
    /// other than 1×1 mm.
    /// </exception>
    public static SegmentationResult Compute(LabelMap truth, LabelMap prediction, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        options ??= MetricOptions.Default;
        if (truth.Height != prediction.Height || truth.Width != prediction.Width)
        {
            throw new EvaluationException(
                $"Truth and prediction differ in size: truth is {truth.Height}x{truth.Width} (rows x columns), prediction is {prediction.Height}x{prediction.Width}; resample the prediction to the truth's grid first.");
        }

        if (options.SpacingMm is null && prediction.SpacingMm != truth.SpacingMm && prediction.SpacingMm != PixelSpacing.Unit)
        {
            throw new EvaluationException(
                $"Truth spacing is {truth.SpacingMm} but prediction spacing is {prediction.SpacingMm}; resample the prediction or pass MetricOptions.SpacingMm explicitly.");
        }

        PixelSpacing spacing = options.SpacingMm ?? truth.SpacingMm;
        spacing.Validate(nameof(options.SpacingMm));
        OverlapCounts[] counts = OverlapCounts.ForAllLabels(truth.Labels, prediction.Labels);
        var calculator = t_calculator ??= new SurfaceDistanceCalculator();
        var result = new Dictionary<int, LabelMetrics>();
        foreach (int label in SelectLabels(counts, options.Labels))
        {
            OverlapCounts c = counts[label];
            double? dice = c.Dice(options.BothEmptyDice);
            SurfaceDistanceSummary? distances = options.SurfaceDistances && c.Truth > 0 && c.Prediction > 0
                ? calculator.Compute(truth.Labels, (byte)label, prediction.Labels, (byte)label, truth.Height, truth.Width, spacing.RowMm, spacing.ColumnMm)
                : null;
            result[label] = LabelMetrics.From(dice, distances);
        }

        return new SegmentationResult(result);
    }

    private static IEnumerable<int> SelectLabels(OverlapCounts[] counts, IReadOnlyList<int>? requested)
    {
        if (requested is null)
        {
            for (int l = 1; l < counts.Length; l++)
            {
                if (counts[l].Truth > 0 || counts[l].Prediction > 0)
                {
                    yield return l;
                }
            }

            yield break;
        }

        foreach (int l in requested.Distinct().Order())
        {
            if (l is < 1 or > 255)
            {
                throw new ArgumentOutOfRangeException(nameof(requested), $"Labels must lie in 1…255; got {l}.");
            }

            yield return l;
        }
    }
}
