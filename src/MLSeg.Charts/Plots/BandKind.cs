namespace MLSeg.Charts.Plots;

/// <summary>What the shaded band around a learning curve shows.</summary>
public enum BandKind
{
    /// <summary>Mean ± sample SD over folds.</summary>
    StandardDeviation,

    /// <summary>Mean ± half-width of the 95% t confidence interval of the mean.</summary>
    Ci95,

    /// <summary>No band.</summary>
    None,
}
