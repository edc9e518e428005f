using Microsoft.ML;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Learns the mean and standard deviation of an image column's samples over the training view and fits an
/// <see cref="IntensityNormalizerTransformer"/>; only the view given to <see cref="Fit"/> is read. The sums of the
/// samples and of their squares are kept in double precision (exact for float32 samples of CT or MR magnitude over
/// millions of values), and the variance is floored at 1e-12 — the statistics the experiment runner has always
/// recorded in its checkpoints, so an arm fitted through this estimator reproduces them bit for bit.
/// </summary>
public sealed class IntensityNormalizerEstimator : IEstimator<IntensityNormalizerTransformer>
{
    private readonly ColumnContract _contract;

    internal IntensityNormalizerEstimator(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        Column = column;
        _contract = new ColumnContract([ColumnRequirement.Image(column)], typeOf => [new OutputColumn(column, typeOf(column))]);
    }

    /// <summary>The image column.</summary>
    public string Column { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _contract.Check(inputSchema);

    /// <inheritdoc />
    public IntensityNormalizerTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _contract.Check(input.Schema);
        long count = 0;
        double sum = 0, sumSq = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (Image2D image in ViewReader.Images(input, Column))
        {
            foreach (float v in image.Data)
            {
                if (!float.IsFinite(v))
                {
                    throw new MLSegException($"Column '{Column}' holds a non-finite sample ({v}); cannot compute normalisation statistics.");
                }

                sum += v;
                sumSq += (double)v * v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            count += image.Data.Length;
        }

        if (count == 0)
        {
            throw new MLSegException($"Cannot fit the intensity normaliser on column '{Column}': the training view has no samples.");
        }

        double mean = sum / count;
        if (min == max)
        {
            throw new MLSegException($"Cannot z-score column '{Column}': all {count} training samples equal {min} (standard deviation 0).");
        }

        double std = Math.Sqrt(Math.Max((sumSq / count) - (mean * mean), 1e-12));
        return new IntensityNormalizerTransformer(Column, mean, std);
    }
}
