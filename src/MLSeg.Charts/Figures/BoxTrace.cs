using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A box plot trace (plotly <c>box</c>): one box per distinct x, over the y values.</summary>
public sealed record BoxTrace : Trace
{
    /// <summary>Creates a box trace; <paramref name="x"/> (optional) gives each y value's group.</summary>
    public BoxTrace(DataArray y, DataArray? x = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (x is not null && x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}; a box trace needs one group per value.", nameof(x));
        }

        Y = y;
        X = x;
    }

    /// <summary>Group of each value, or null for one box.</summary>
    public DataArray? X { get; init; }

    /// <summary>The values.</summary>
    public DataArray Y { get; init; }

    /// <summary>Which points to draw beside the box: <c>all</c>, <c>outliers</c>, <c>suspectedoutliers</c>, or null for plotly's default.</summary>
    public string? BoxPoints { get; init; }

    /// <summary>Draw the mean as a dashed line in the box.</summary>
    public bool? BoxMean { get; init; }

    /// <summary>Marker style (points and colour).</summary>
    public MarkerStyle? Marker { get; init; }

    /// <summary>Box outline.</summary>
    public LineStyle? Line { get; init; }

    /// <summary>CSS colour of the box body.</summary>
    public string? FillColor { get; init; }

    /// <inheritdoc />
    public override string TraceType => "box";

    private protected override void WriteAttributes(Utf8JsonWriter w)
    {
        JsonOut.Data(w, "x", X);
        JsonOut.Data(w, "y", Y);
        JsonOut.Text(w, "boxpoints", BoxPoints);
        JsonOut.Flag(w, "boxmean", BoxMean);
        Marker?.WriteJson(w);
        Line?.WriteJson(w, "line");
        JsonOut.Text(w, "fillcolor", FillColor);
    }
}
