namespace MLSeg.Charts.Data;

/// <summary>A segmentation metric as stored in results.csv.</summary>
public enum Metric
{
    /// <summary>Dice similarity coefficient in [0, 1]; higher is better.</summary>
    Dice,

    /// <summary>95th percentile Hausdorff distance in mm; lower is better.</summary>
    Hd95,

    /// <summary>Average symmetric surface distance in mm; lower is better.</summary>
    Assd,

    /// <summary>Root-mean-square distance to agreement in mm; lower is better.</summary>
    RmsDta,
}
