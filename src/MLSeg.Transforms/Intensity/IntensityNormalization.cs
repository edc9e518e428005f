using System.Numerics.Tensors;

namespace MLSeg.Transforms.Intensity;

/// <summary>Z-score normalisation and percentile clipping with statistics supplied by the caller (from training cases).</summary>
public static class IntensityNormalization
{
    /// <summary>destination = (source − mean) / std. A std ≤ 0 is an error (a constant training set cannot be z-scored).</summary>
    public static void ZScore(ReadOnlySpan<float> source, Span<float> destination, double mean, double std)
    {
        if (!(std > 0) || !double.IsFinite(std) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"Z-score needs a finite mean and std > 0; got mean {mean}, std {std}.");
        }

        CheckLengths(source, destination);
        TensorPrimitives.Subtract(source, (float)mean, destination);
        TensorPrimitives.Divide(destination, (float)std, destination);
    }

    /// <summary>destination = clamp(source, lower, upper).</summary>
    public static void Clip(ReadOnlySpan<float> source, Span<float> destination, double lower, double upper)
    {
        if (!(upper >= lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), $"Clip needs upper ≥ lower; got [{lower}, {upper}].");
        }

        CheckLengths(source, destination);
        TensorPrimitives.Max(source, (float)lower, destination);
        TensorPrimitives.Min(destination, (float)upper, destination);
    }

    /// <summary>Clips to the statistics' percentiles, then z-scores with their mean and std (the CT scheme of nnU-Net's paper).</summary>
    public static void ClipAndZScore(ReadOnlySpan<float> source, Span<float> destination, IntensityStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Clip(source, destination, statistics.Lower, statistics.Upper);
        ZScore(destination, destination, statistics.Mean, statistics.StdDev);
    }

    private static void CheckLengths(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length != destination.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; source {source.Length}.", nameof(destination));
        }
    }
}
