using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A violin trace (plotly <c>violin</c>): a kernel density outline per distinct x, over the y values.</summary>
public sealed record ViolinTrace : Trace
{
    /// <summary>Creates a violin trace; <paramref name="x"/> (optional) gives each y value's group.</summary>
    public ViolinTrace(DataArray y, DataArray? x = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (x is not null && x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; a violin trace needs one group per value.", nameof(x));
        }

        Y = y;
        X = x;
    }

    /// <summary>Group of each value, or null for one violin.</summary>
    public DataArray? X { get; init; }

    /// <summary>The values.</summary>
    public DataArray Y { get; init; }

    /// <summary>Draw a small box plot inside the violin.</summary>
    public bool? ShowBox { get; init; }

    /// <summary>Draw the mean as a line.</summary>
    public bool? ShowMeanLine { get; init; }

    /// <summary>Which points to draw: <c>all</c>, <c>outliers</c>, or null for plotly's default.</summary>
    public string? Points { get; init; }

    /// <summary>Outline.</summary>
    public LineStyle? Line { get; init; }

    /// <summary>CSS colour of the violin body.</summary>
    public string? FillColor { get; init; }

    /// <inheritdoc />
    public override string TraceType => "violin";

    private protected override void WriteAttributes(Utf8JsonWriter w)
    {
        JsonOut.Data(w, "x", X);
        JsonOut.Data(w, "y", Y);
        if (ShowBox is { } box)
        {
            w.WriteStartObject("box");
            w.WriteBoolean("visible", box);
            w.WriteEndObject();
        }

        if (ShowMeanLine is { } mean)
        {
            w.WriteStartObject("meanline");
            w.WriteBoolean("visible", mean);
            w.WriteEndObject();
        }

        JsonOut.Text(w, "points", Points);
        Line?.WriteJson(w, "line");
        JsonOut.Text(w, "fillcolor", FillColor);
    }
}
