using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>Symmetric or asymmetric error bars given as data (plotly <c>error_y</c> with <c>type: "data"</c>).</summary>
public sealed record ErrorBars
{
    /// <summary>Creates error bars of half-length <paramref name="plus"/> above and <paramref name="minus"/> (or the same) below.</summary>
    public ErrorBars(IEnumerable<double> plus, IEnumerable<double>? minus = null)
    {
        Plus = DataArray.Of(plus);
        Minus = minus is null ? null : DataArray.Of(minus);
    }

    /// <summary>Length above each point.</summary>
    public DataArray Plus { get; }

    /// <summary>Length below each point; null for symmetric bars.</summary>
    public DataArray? Minus { get; }

    /// <summary>CSS colour of the bars.</summary>
    public string? Color { get; init; }

    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject("error_y");
        w.WriteString("type", "data");
        w.WriteBoolean("symmetric", Minus is null);
        JsonOut.Data(w, "array", Plus);
        JsonOut.Data(w, "arrayminus", Minus);
        JsonOut.Text(w, "color", Color);
        w.WriteBoolean("visible", true);
        w.WriteEndObject();
    }
}
