using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>Legend placement (plotly <c>layout.legend</c>); positions are in paper units (0–1).</summary>
public sealed record Legend
{
    /// <summary>Legend title.</summary>
    public string? Title { get; init; }

    /// <summary><c>v</c> (vertical) or <c>h</c> (horizontal).</summary>
    public string? Orientation { get; init; }

    /// <summary>x position in paper units.</summary>
    public double? X { get; init; }

    /// <summary>y position in paper units.</summary>
    public double? Y { get; init; }

    /// <summary>Which side of the legend <see cref="X"/> refers to: <c>left</c>, <c>center</c>, <c>right</c>.</summary>
    public string? XAnchor { get; init; }

    /// <summary>Which side of the legend <see cref="Y"/> refers to: <c>top</c>, <c>middle</c>, <c>bottom</c>.</summary>
    public string? YAnchor { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("legend");
        JsonOut.Title(w, Title);
        JsonOut.Text(w, "orientation", Orientation);
        JsonOut.Number(w, "x", X);
        JsonOut.Number(w, "y", Y);
        JsonOut.Text(w, "xanchor", XAnchor);
        JsonOut.Text(w, "yanchor", YAnchor);
        w.WriteEndObject();
    }
}
