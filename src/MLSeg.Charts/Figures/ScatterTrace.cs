using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A scatter/line trace (plotly <c>scatter</c>), also used for filled error bands.</summary>
public sealed record ScatterTrace : Trace
{
    /// <summary>Creates a trace over x and y columns of equal length.</summary>
    public ScatterTrace(DataArray x, DataArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; a scatter trace needs one x per y.", nameof(y));
        }

        X = x;
        Y = y;
    }

    /// <summary>x values.</summary>
    public DataArray X { get; init; }

    /// <summary>y values (non-finite values are drawn as gaps).</summary>
    public DataArray Y { get; init; }

    /// <summary>Drawing mode.</summary>
    public ScatterMode? Mode { get; init; }

    /// <summary>Line style.</summary>
    public LineStyle? Line { get; init; }

    /// <summary>Marker style.</summary>
    public MarkerStyle? Marker { get; init; }

    /// <summary>Area fill.</summary>
    public FillMode? Fill { get; init; }

    /// <summary>CSS colour of the filled area.</summary>
    public string? FillColor { get; init; }

    /// <summary>Vertical error bars.</summary>
    public ErrorBars? ErrorY { get; init; }

    /// <summary>Per-point text shown on hover.</summary>
    public DataArray? Text { get; init; }

    /// <inheritdoc />
    public override string TraceType => "scatter";

    private protected override void WriteAttributes(Utf8JsonWriter w)
    {
        JsonOut.Data(w, "x", X);
        JsonOut.Data(w, "y", Y);
        JsonOut.Text(w, "mode", Mode is { } m ? PlotlyNames.Of(m) : null);
        Line?.WriteJson(w, "line");
        Marker?.WriteJson(w);
        JsonOut.Text(w, "fill", Fill is { } f ? PlotlyNames.Of(f) : null);
        JsonOut.Text(w, "fillcolor", FillColor);
        ErrorY?.WriteJson(w);
        JsonOut.Data(w, "text", Text);
    }
}
