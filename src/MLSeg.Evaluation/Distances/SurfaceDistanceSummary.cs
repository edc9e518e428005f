namespace MLSeg.Evaluation.Distances;

/// <summary>
/// Statistics (mm) over the symmetric surface-distance set: the distances from each border pixel of A to the
/// nearest border pixel of B, concatenated with those from B to A.
/// </summary>
/// <param name="Hd">Hausdorff distance: the maximum.</param>
/// <param name="Hd95">95th percentile, linearly interpolated between order statistics (rank 0.95·(n − 1)).</param>
/// <param name="Assd">Average symmetric surface distance: the mean.</param>
/// <param name="RmsDta">Root mean square distance-to-agreement.</param>
/// <param name="Count">Number of distances (border pixels of A plus border pixels of B).</param>
public readonly record struct SurfaceDistanceSummary(double Hd, double Hd95, double Assd, double RmsDta, int Count)
{
    /// <summary>Summarises <paramref name="distancesMm"/>, which it sorts in place.</summary>
    public static SurfaceDistanceSummary FromDistances(Span<double> distancesMm)
    {
        if (distancesMm.IsEmpty)
        {
            throw new ArgumentException("At least one distance is needed.", nameof(distancesMm));
        }

        double sum = 0;
        double sumSq = 0;
        foreach (double d in distancesMm)
        {
            sum += d;
            sumSq += d * d;
        }

        distancesMm.Sort();
        int n = distancesMm.Length;
        return new SurfaceDistanceSummary(
            distancesMm[n - 1],
            Statistics.Descriptive.PercentileOfSorted(distancesMm, 95),
            sum / n,
            Math.Sqrt(sumSq / n),
            n);
    }
}
