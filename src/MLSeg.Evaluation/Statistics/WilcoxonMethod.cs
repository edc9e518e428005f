namespace MLSeg.Evaluation.Statistics;

/// <summary>How <see cref="WilcoxonSignedRank"/> computes its p-value.</summary>
public enum WilcoxonMethod
{
    /// <summary>Exact when there are at most <see cref="WilcoxonSignedRank.ExactMaxPairs"/> pairs, no zero and no tied differences; otherwise the normal approximation.</summary>
    Auto,

    /// <summary>The exact null distribution of W+ (requires no zero and no tied |differences|).</summary>
    Exact,

    /// <summary>Normal approximation with tie correction of the variance and a continuity correction of 0.5.</summary>
    NormalApproximation,
}
