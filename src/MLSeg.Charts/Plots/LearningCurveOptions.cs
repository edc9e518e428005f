using MLSeg.Charts.Data;

namespace MLSeg.Charts.Plots;

/// <summary>Settings of a learning-curve chart.</summary>
public sealed record LearningCurveOptions
{
    /// <summary>The metric on the y axis.</summary>
    public Metric Metric { get; init; } = Metric.Dice;

    /// <summary>The label (class) to plot; null averages all labels of a case first (stated in the title).</summary>
    public int? Label { get; init; }

    /// <summary>The band around each mean line.</summary>
    public BandKind Band { get; init; } = BandKind.StandardDeviation;

    /// <summary>Logarithmic n axis (training sizes usually double).</summary>
    public bool LogX { get; init; } = true;

    /// <summary>The human inter-observer range, drawn as a shaded region; null for none.</summary>
    public HumanBand? HumanBand { get; init; }

    /// <summary>Chart title; null makes one from the metric and label.</summary>
    public string? Title { get; init; }
}
