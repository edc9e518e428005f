using System.Text.Json;

namespace MLSeg.Charts.Figures;

/// <summary>A heatmap trace (plotly <c>heatmap</c>): <c>z[row][column]</c> with row labels <see cref="Y"/> and column labels <see cref="X"/>.</summary>
public sealed record HeatmapTrace : Trace
{
    /// <summary>Creates a heatmap; every row of <paramref name="z"/> must have one value per x label.</summary>
    public HeatmapTrace(IReadOnlyList<IReadOnlyList<double>> z, DataArray x, DataArray y)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (z.Count != y.Count)
        {
            throw new ArgumentException($"z has {z.Count} rows but there are {y.Count} y labels.", nameof(z));
        }

        for (int r = 0; r < z.Count; r++)
        {
            if (z[r].Count != x.Count)
            {
                throw new ArgumentException($"z row {r} has {z[r].Count} values but there are {x.Count} x labels.", nameof(z));
            }
        }

        Z = z.Select(row => (IReadOnlyList<double>)[.. row]).ToArray();
        X = x;
        Y = y;
    }

    /// <summary>Values, row-major (rows follow <see cref="Y"/>); non-finite cells are drawn empty.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Z { get; }

    /// <summary>Column labels.</summary>
    public DataArray X { get; init; }

    /// <summary>Row labels.</summary>
    public DataArray Y { get; init; }

    /// <summary>plotly colour scale name, e.g. <c>Viridis</c>, <c>Blues</c>.</summary>
    public string? ColorScale { get; init; }

    /// <summary>Reverse the colour scale.</summary>
    public bool? ReverseScale { get; init; }

    /// <summary>Value mapped to the low end of the scale.</summary>
    public double? ZMin { get; init; }

    /// <summary>Value mapped to the high end of the scale.</summary>
    public double? ZMax { get; init; }

    /// <summary>Colour bar title.</summary>
    public string? ColorBarTitle { get; init; }

    /// <summary>Text drawn in each cell, e.g. <c>%{z:.3f}</c>.</summary>
    public string? TextTemplate { get; init; }

    /// <inheritdoc />
    public override string TraceType => "heatmap";

    private protected override void WriteAttributes(Utf8JsonWriter w)
    {
        w.WriteStartArray("z");
        foreach (IReadOnlyList<double> row in Z)
        {
            w.WriteStartArray();
            foreach (double v in row)
            {
                JsonOut.Value(w, v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        JsonOut.Data(w, "x", X);
        JsonOut.Data(w, "y", Y);
        JsonOut.Text(w, "colorscale", ColorScale);
        JsonOut.Flag(w, "reversescale", ReverseScale);
        JsonOut.Number(w, "zmin", ZMin);
        JsonOut.Number(w, "zmax", ZMax);
        if (ColorBarTitle is not null)
        {
            w.WriteStartObject("colorbar");
            JsonOut.Title(w, ColorBarTitle);
            w.WriteEndObject();
        }

        JsonOut.Text(w, "texttemplate", TextTemplate);
    }
}
