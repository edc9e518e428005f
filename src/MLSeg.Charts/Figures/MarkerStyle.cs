using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>Marker colour, size (px) and symbol (plotly <c>marker</c>).</summary>
public sealed record MarkerStyle
{
    /// <summary>CSS colour.</summary>
    public string? Color { get; init; }

    /// <summary>Diameter in pixels.</summary>
    public double? Size { get; init; }

    /// <summary>plotly symbol name, e.g. <c>circle</c>, <c>star</c>, <c>diamond</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary>Outline of the marker.</summary>
    public LineStyle? Line { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("marker");
        JsonOut.Text(w, "color", Color);
        JsonOut.Number(w, "size", Size);
        JsonOut.Text(w, "symbol", Symbol);
        Line?.WriteJson(w, "line");
        w.WriteEndObject();
    }
}
