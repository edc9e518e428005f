using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A bar trace (plotly <c>bar</c>).</summary>
public sealed record BarTrace : Trace
{
    /// <summary>Creates a bar trace over x and y columns of equal length.</summary>
    public BarTrace(DataArray x, DataArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; a bar trace needs one x per y.", nameof(y));
        }

        X = x;
        Y = y;
    }

    /// <summary>Bar positions or categories.</summary>
    public DataArray X { get; init; }

    /// <summary>Bar heights.</summary>
    public DataArray Y { get; init; }

    /// <summary>Marker (bar colour).</summary>
    public MarkerStyle? Marker { get; init; }

    /// <summary>Vertical error bars.</summary>
    public ErrorBars? ErrorY { get; init; }

    /// <summary>Per-bar text.</summary>
    public DataArray? Text { get; init; }

    /// <inheritdoc />
    public override string TraceType => "bar";

    private protected override void WriteAttributes(Utf8JsonWriter w)
    {
        JsonOut.Data(w, "x", X);
        JsonOut.Data(w, "y", Y);
        Marker?.WriteJson(w);
        ErrorY?.WriteJson(w);
        JsonOut.Data(w, "text", Text);
    }
}
