using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>Line colour, width (px) and dash (plotly <c>line</c>).</summary>
public sealed record LineStyle
{
    /// <summary>CSS colour, e.g. <c>#0072B2</c> or <c>rgba(0,114,178,0.2)</c>.</summary>
    public string? Color { get; init; }

    /// <summary>Width in pixels.</summary>
    public double? Width { get; init; }

    /// <summary>Dash pattern.</summary>
    public DashStyle? Dash { get; init; }

    internal void WriteJson(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        JsonOut.Text(w, "color", Color);
        JsonOut.Number(w, "width", Width);
        JsonOut.Text(w, "dash", Dash is { } d ? PlotlyNames.Of(d) : null);
        w.WriteEndObject();
    }
}
