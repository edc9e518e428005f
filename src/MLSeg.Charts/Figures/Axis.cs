using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>An x or y axis (plotly <c>layout.xaxis</c>/<c>yaxis</c>).</summary>
public sealed record Axis
{
    /// <summary>Axis title.</summary>
    public string? Title { get; init; }

    /// <summary>Scale.</summary>
    public AxisType? Type { get; init; }

    /// <summary>Visible range [low, high]; on a log axis in log10 units (plotly.js convention).</summary>
    public (double Low, double High)? Range { get; init; }

    /// <summary>d3 tick format, e.g. <c>.2f</c>.</summary>
    public string? TickFormat { get; init; }

    /// <summary>Explicit tick positions.</summary>
    public DataArray? TickValues { get; init; }

    /// <summary>Grid lines.</summary>
    public bool? ShowGrid { get; init; }

    /// <summary>Line at zero.</summary>
    public bool? ZeroLine { get; init; }

    /// <summary>Draw the axis line.</summary>
    public bool? ShowLine { get; init; }

    /// <summary>Tick placement: <c>outside</c>, <c>inside</c> or empty for none.</summary>
    public string? Ticks { get; init; }

    /// <summary>Colour of the grid lines.</summary>
    public string? GridColor { get; init; }

    /// <summary>The same axis on a base-10 log scale; every other setting is kept.</summary>
    public Axis AsLog() => this with { Type = AxisType.Log };

    internal void WriteJson(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        JsonOut.Title(w, Title);
        JsonOut.Text(w, "type", Type is { } t ? PlotlyNames.Of(t) : null);
        if (Range is { } r)
        {
            w.WriteStartArray("range");
            JsonOut.Value(w, r.Low);
            JsonOut.Value(w, r.High);
            w.WriteEndArray();
        }

        JsonOut.Text(w, "tickformat", TickFormat);
        JsonOut.Data(w, "tickvals", TickValues);
        JsonOut.Flag(w, "showgrid", ShowGrid);
        JsonOut.Flag(w, "zeroline", ZeroLine);
        JsonOut.Flag(w, "showline", ShowLine);
        JsonOut.Text(w, "ticks", Ticks);
        JsonOut.Text(w, "gridcolor", GridColor);
        w.WriteEndObject();
    }
}
