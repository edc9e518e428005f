namespace MLSeg.Evaluation.Distances;

/// <summary>
/// How <see cref="SurfaceDistanceCalculator"/> evaluates the second (column) stage of the separable distance
/// computation. Both are exact and give identical distances; they differ only in cost.
/// </summary>
public enum SurfaceDistanceStrategy
{
    /// <summary>
    /// <see cref="PrunedQueries"/> when queries × rows ≤ 8 × area (its worst case stays within a small factor of the full
    /// transform), else <see cref="FullTransform"/>.
    /// </summary>
    Auto,

    /// <summary>The full Felzenszwalb–Huttenlocher transform over the bounding box (cost linear in its area).</summary>
    FullTransform,

    /// <summary>
    /// The row pass over the bounding box, then for each query border pixel an outward search along its column that
    /// stops once the vertical distance alone exceeds the best found (cost ≈ queries × distance in rows).
    /// </summary>
    PrunedQueries,
}
