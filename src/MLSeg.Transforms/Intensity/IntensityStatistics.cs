using MLSeg.Core.Imaging;

namespace MLSeg.Transforms.Intensity;

/// <summary>
/// Intensity statistics pooled over a set of (training) images: mean, population standard deviation, and two
/// percentiles (linear interpolation between closest ranks, NumPy's default). Computed by the caller from the
/// training fold only, then applied to every split.
/// </summary>
/// <param name="Mean">Mean of all pooled values.</param>
/// <param name="StdDev">Population standard deviation of all pooled values.</param>
/// <param name="LowerPercentile">Which lower percentile (0–100) <see cref="Lower"/> is.</param>
/// <param name="Lower">Value at <see cref="LowerPercentile"/>.</param>
/// <param name="UpperPercentile">Which upper percentile (0–100) <see cref="Upper"/> is.</param>
/// <param name="Upper">Value at <see cref="UpperPercentile"/>.</param>
/// <param name="Count">Number of values pooled.</param>
public sealed record IntensityStatistics(double Mean, double StdDev, double LowerPercentile, double Lower, double UpperPercentile, double Upper, long Count)
{
    /// <summary>Pools every sample of <paramref name="images"/> (all channels). NaN samples are an error.</summary>
    public static IntensityStatistics FromImages(IEnumerable<Image2D> images, double lowerPercentile = 0.5, double upperPercentile = 99.5)
    {
        ArgumentNullException.ThrowIfNull(images);
        return FromValues(images.Select(i => (ReadOnlyMemory<float>)i.Data), lowerPercentile, upperPercentile);
    }

    /// <summary>Pools the given value buffers (e.g. only foreground voxels chosen by the caller).</summary>
    public static IntensityStatistics FromValues(IEnumerable<ReadOnlyMemory<float>> buffers, double lowerPercentile = 0.5, double upperPercentile = 99.5)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        if (!(lowerPercentile >= 0 && lowerPercentile <= upperPercentile && upperPercentile <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerPercentile), $"Percentiles need 0 ≤ lower ≤ upper ≤ 100; got {lowerPercentile}, {upperPercentile}.");
        }

        var list = buffers.ToList();
        long count = list.Sum(b => (long)b.Length);
        if (count == 0)
        {
            throw new ArgumentException("No values to compute statistics from.", nameof(buffers));
        }

        var all = new float[count];
        int at = 0;
        foreach (var b in list)
        {
            b.Span.CopyTo(all.AsSpan(at));
            at += b.Length;
        }

        double sum = 0;
        foreach (float v in all)
        {
            if (float.IsNaN(v))
            {
                throw new ArgumentException("Values contain NaN; mask them out before computing statistics.", nameof(buffers));
            }

            sum += v;
        }

        double mean = sum / count;
        double ss = 0;
        foreach (float v in all)
        {
            ss += (v - mean) * (v - mean);
        }

        Array.Sort(all);
        return new IntensityStatistics(mean, Math.Sqrt(ss / count), lowerPercentile, Percentile(all, lowerPercentile), upperPercentile, Percentile(all, upperPercentile), count);
    }

    /// <summary>Percentile <paramref name="p"/> (0–100) of ascending-sorted values, linear interpolation between ranks.</summary>
    public static double Percentile(ReadOnlySpan<float> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        double rank = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((rank - lo) * (sorted[hi] - (double)sorted[lo]));
    }
}
