using MLSeg.Core.Errors;
using MLSeg.Core.Imaging;

namespace MLSeg.Core.Pipeline;

/// <summary>
/// Learns the mean and population standard deviation of every sample of an image column over the training view,
/// and returns an <see cref="IntensityNormalizerTransformer"/> that z-scores with them.
/// </summary>
public sealed class IntensityNormalizerEstimator : IEstimator<IntensityNormalizerTransformer>
{
    /// <summary>Normalises <paramref name="column"/> (the image column by default).</summary>
    public IntensityNormalizerEstimator(string column = WellKnownColumns.Image)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        Column = column;
    }

    /// <summary>The image column.</summary>
    public string Column { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(Column, typeof(Image2D));
        return inputSchema;
    }

    /// <inheritdoc />
    public IntensityNormalizerTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int index = input.Schema.Require(Column, typeof(Image2D));

        // Welford's update per sample: stable for CT values (−1024…3000) over millions of pixels.
        long count = 0;
        double mean = 0;
        double m2 = 0;
        foreach (DataRow row in input.GetRows())
        {
            var image = (Image2D?)row[index] ?? throw new MLSegException($"Column '{Column}' holds a null image; cannot compute normalisation statistics.");
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
