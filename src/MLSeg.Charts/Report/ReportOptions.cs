using MLSeg.Charts.Data;
using MLSeg.Charts.Plots;

namespace MLSeg.Charts.Report;

/// <summary>Settings of <see cref="ReportSite.Write"/>.</summary>
public sealed record ReportOptions
{
    /// <summary>Show real case identifiers. Off by default: cases appear as salted pseudonyms such as <c>case-3f9a1c</c>.</summary>
    public bool ShowIds { get; init; }

    /// <summary>Metrics that get learning curves, in page order.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [Metric.Dice, Metric.Hd95, Metric.RmsDta];

    /// <summary>
    /// Human inter-observer ranges per metric, drawn on every label's learning curves. A metric not listed here uses the
    /// run folder's human_band.json (written by the experiment runner) for the label it names.
    /// </summary>
    public IReadOnlyDictionary<Metric, HumanBand> HumanBands { get; init; } = new Dictionary<Metric, HumanBand>();

    /// <summary>Band around learning curves.</summary>
    public BandKind Band { get; init; } = BandKind.StandardDeviation;

    /// <summary>Source compared against in the paired table; null uses <c>none</c> when that source exists, else no paired table (the page says so).</summary>
    public string? Baseline { get; init; }

    /// <summary>plotly.min.js to copy into the report; null finds the pinned copy (<see cref="Html.PlotlyJs.Locate()"/>).</summary>
    public string? PlotlyScriptPath { get; init; }
}
