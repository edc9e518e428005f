using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>
/// One plotly.js trace. Properties left null are omitted from the JSON, so plotly.js applies its own default.
/// JSON property order is fixed: <c>type</c>, <c>name</c>, the trace's own attributes, then the common tail.
/// </summary>
public abstract record Trace
{
    /// <summary>Legend entry and hover name.</summary>
    public string? Name { get; init; }

    /// <summary>Traces with the same group toggle together in the legend.</summary>
    public string? LegendGroup { get; init; }

    /// <summary>Whether the trace has a legend entry.</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>The x axis this trace is drawn on (<c>x</c>, <c>x2</c>, …) for subplots.</summary>
    public string? XAxis { get; init; }

    /// <summary>The y axis this trace is drawn on (<c>y</c>, <c>y2</c>, …) for subplots.</summary>
    public string? YAxis { get; init; }

    /// <summary>Whole-trace opacity in [0, 1].</summary>
    public double? Opacity { get; init; }

    /// <summary>plotly hover template, e.g. <c>n=%{x}&lt;br&gt;Dice=%{y:.3f}</c>.</summary>
    public string? HoverTemplate { get; init; }

    /// <summary>The plotly trace type (<c>scatter</c>, <c>box</c>, …).</summary>
    public abstract string TraceType { get; }

    /// <summary>Places the trace on subplot axes <paramref name="xAxis"/>/<paramref name="yAxis"/> (1-based; 1 is the main pair).</summary>
    public Trace OnAxes(int xAxis, int yAxis)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(xAxis);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(yAxis);
        return this with { XAxis = xAxis == 1 ? "x" : $"x{xAxis}", YAxis = yAxis == 1 ? "y" : $"y{yAxis}" };
    }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", TraceType);
        JsonOut.Text(w, "name", Name);
        WriteAttributes(w);
        JsonOut.Text(w, "legendgroup", LegendGroup);
        JsonOut.Flag(w, "showlegend", ShowLegend);
        JsonOut.Text(w, "xaxis", XAxis);
        JsonOut.Text(w, "yaxis", YAxis);
        JsonOut.Number(w, "opacity", Opacity);
        JsonOut.Text(w, "hovertemplate", HoverTemplate);
        w.WriteEndObject();
    }

    /// <summary>Writes the attributes specific to the trace type, in a fixed order.</summary>
    private protected abstract void WriteAttributes(Utf8JsonWriter w);
}
