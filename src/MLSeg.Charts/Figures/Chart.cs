namespace MLSeg.Charts.Figures;

/// <summary>Plotly.NET-style factories: <c>Chart.Line(x, y).WithTitle("…").WithXAxis(…)</c>.</summary>
public static class Chart
{
    /// <summary>A line chart of one series.</summary>
    public static Figure Line(DataArray x, DataArray y, string? name = null, string? color = null, bool showMarkers = false) =>
        new([new ScatterTrace(x, y)
        {
            Name = name,
            Mode = showMarkers ? ScatterMode.LinesMarkers : ScatterMode.Lines,
            Line = color is null ? null : new LineStyle { Color = color },
            Marker = color is null || !showMarkers ? null : new MarkerStyle { Color = color },
        }]);

    /// <summary>A scatter chart (markers) of one series.</summary>
    public static Figure Scatter(DataArray x, DataArray y, string? name = null, string? color = null, ScatterMode mode = ScatterMode.Markers) =>
        new([new ScatterTrace(x, y) { Name = name, Mode = mode, Marker = color is null ? null : new MarkerStyle { Color = color } }]);

    /// <summary>
    /// A line with a shaded band from <paramref name="lower"/> to <paramref name="upper"/> (e.g. mean ± SD): the band is a
    /// closed polygon trace drawn first, sharing the line's legend group.
    /// </summary>
    public static Figure LineWithBand(DataArray x, IReadOnlyList<double> y, IReadOnlyList<double> lower, IReadOnlyList<double> upper, string name, string color, string bandColor)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new([ErrorBand.Band(x.Numbers, lower, upper, name, bandColor), new ScatterTrace(x, DataArray.Of(y))
        {
            Name = name,
            LegendGroup = name,
            Mode = ScatterMode.LinesMarkers,
            Line = new LineStyle { Color = color, Width = 2 },
            Marker = new MarkerStyle { Color = color, Size = 7 },
        }]);
    }

    /// <summary>A box plot of values, grouped by <paramref name="groups"/> when given.</summary>
    public static Figure Box(DataArray values, DataArray? groups = null, string? name = null) =>
        new([new BoxTrace(values, groups) { Name = name, BoxPoints = "all" }]);

    /// <summary>A violin plot of values, grouped by <paramref name="groups"/> when given.</summary>
    public static Figure Violin(DataArray values, DataArray? groups = null, string? name = null) =>
        new([new ViolinTrace(values, groups) { Name = name, ShowBox = true, ShowMeanLine = true }]);

    /// <summary>A heatmap of <paramref name="z"/>[row][column].</summary>
    public static Figure Heatmap(IReadOnlyList<IReadOnlyList<double>> z, DataArray columns, DataArray rows, string? colorScale = "Viridis") =>
        new([new HeatmapTrace(z, columns, rows) { ColorScale = colorScale }]);

    /// <summary>A bar chart of one series.</summary>
    public static Figure Bar(DataArray x, DataArray y, string? name = null) => new([new BarTrace(x, y) { Name = name }]);

    /// <summary>One figure holding every trace, shape and annotation of <paramref name="figures"/>; the first figure's other layout settings win.</summary>
    public static Figure Combine(params IEnumerable<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var list = figures.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Combine needs at least one figure.", nameof(figures));
        }

        Layout layout = list[0].Layout with
        {
            Shapes = [.. list.SelectMany(f => f.Layout.Shapes)],
            Annotations = [.. list.SelectMany(f => f.Layout.Annotations)],
        };
        return new Figure(list.SelectMany(f => f.Traces), layout);
    }
}
