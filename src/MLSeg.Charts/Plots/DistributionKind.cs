namespace MLSeg.Charts.Plots;

/// <summary>How per-case distributions are drawn.</summary>
public enum DistributionKind
{
    /// <summary>Box plots with every case as a point.</summary>
    Box,

    /// <summary>Violins with an inner box and mean line.</summary>
    Violin,
}
