namespace MLSeg.Charts.Report;

/// <summary>What the report knows about one arm folder (arms/&lt;id&gt;/).</summary>
public sealed record ArmRecord
{
    /// <summary>The folder name, <c>&lt;source&gt;__n&lt;N&gt;__fold&lt;k&gt;__seed&lt;s&gt;__&lt;hash8&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>done</c>, <c>failed</c>, or <c>incomplete</c> (no manifest status and no validation summary).</summary>
    public required string Status { get; init; }

    /// <summary>Version strings from manifest.json's <c>versions</c> object.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>Wall time in seconds (manifest <c>wallSeconds</c>, else the sum of train_log seconds), NaN when unknown.</summary>
    public double WallSeconds { get; init; } = double.NaN;

    /// <summary>Path of validation/summary.json when present.</summary>
    public string? SummaryPath { get; init; }

    /// <summary>Path of train_log.csv when present.</summary>
    public string? TrainLogPath { get; init; }

    /// <summary>PNG files under overlays/.</summary>
    public IReadOnlyList<string> OverlayPngs { get; init; } = [];
}
