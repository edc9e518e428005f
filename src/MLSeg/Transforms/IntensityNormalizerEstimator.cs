using Microsoft.ML;
using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;
using MLSeg.Pipeline;

namespace MLSeg.Transforms;

/// <summary>
/// Learns the mean and standard deviation of an image column's samples over the training view (Welford's update,
/// stable over millions of CT values) and fits an <see cref="IntensityNormalizerTransformer"/>; only the view given
/// to <see cref="Fit"/> is read.
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
        double mean = 0;
        double m2 = 0;
        foreach (Image2D image in ViewReader.Images(input, Column))
        {
            foreach (float v in image.Data)
            {
                if (!float.IsFinite(v))
                {
                    throw new MLSegException($"Column '{Column}' holds a non-finite sample ({v}); cannot compute normalisation statistics.");
                }

                count++;
                double delta = v - mean;
                mean += delta / count;
                m2 += delta * (v - mean);
            }
        }

        if (count == 0)
        {
            throw new MLSegException($"Cannot fit the intensity normaliser on column '{Column}': the training view has no samples.");
        }

        double std = Math.Sqrt(m2 / count);
        if (!(std > 0))
        {
            throw new MLSegException($"Cannot z-score column '{Column}': all {count} training samples equal {mean} (standard deviation 0).");
        }

        return new IntensityNormalizerTransformer(Column, mean, std);
    }
}
