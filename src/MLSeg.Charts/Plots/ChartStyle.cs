using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;

namespace MLSeg.Charts.Plots;

/// <summary>
/// The house style of MLSeg's research charts — white background, axis lines, outside ticks, light grid, legend under
/// the plot — applied to a Plotly.NET chart. Every axis has <c>automargin</c>, so long tick labels (source task names)
/// widen the margin instead of being cut.
/// </summary>
public static class ChartStyle
{
    /// <summary>Font stack used by charts and report pages.</summary>
    public const string FontFamily = "Helvetica Neue, Helvetica, Arial, sans-serif";

    /// <summary>Grid line colour.</summary>
    public const string GridColor = "#e5e5e5";

    /// <summary>
    /// Styles the layout of <paramref name="chart"/> (in place; returns it): <paramref name="title"/>, fonts, backgrounds,
    /// closest-point hover and a horizontal legend under the plot. Pass a chart you built, not one shared elsewhere.
    /// </summary>
    public static GenericChart Apply(GenericChart chart, string title, bool showLegend = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        Set(LayoutOf(chart),
            ("title", PlotlyAttributes.Make<Title>(("text", title), ("x", 0.02), ("xanchor", "left"))),
            ("font", PlotlyAttributes.Make<Font>(("family", FontFamily), ("size", 13), ("color", "#222222"))),
            ("plot_bgcolor", "#ffffff"),
            ("paper_bgcolor", "#ffffff"),
            ("hovermode", "closest"),
            ("showlegend", showLegend),
            ("margin", PlotlyAttributes.Make<Margin>(("l", 70), ("r", 30), ("t", 60), ("b", 70))),
            ("legend", showLegend ? PlotlyAttributes.Make<Legend>(("orientation", "h"), ("x", 0), ("y", -0.3), ("xanchor", "left"), ("yanchor", "top")) : null));
        return chart;
    }

    /// <summary>
    /// A styled axis: <paramref name="title"/>, plotly axis <paramref name="type"/> (<c>linear</c>, <c>log</c>,
    /// <c>category</c>; null lets plotly choose), outside ticks, grid, automargin.
    /// </summary>
    public static LinearAxis Axis(string title, string? type = null, bool showGrid = true) =>
        PlotlyAttributes.Make<LinearAxis>(
            ("title", Title(title)),
            ("type", type),
            ("showline", true),
            ("linecolor", "#444444"),
            ("ticks", "outside"),
            ("showgrid", showGrid),
            ("gridcolor", GridColor),
            ("zeroline", false),
            ("automargin", true));

    /// <summary>Sets x axis <paramref name="index"/> (1 → <c>xaxis</c>, 2 → <c>xaxis2</c>) of <paramref name="chart"/> (in place; returns it).</summary>
    public static GenericChart WithX(GenericChart chart, LinearAxis axis, int index = 1) => SetAxis(chart, "xaxis", axis, index);

    /// <summary>Sets y axis <paramref name="index"/> (1 → <c>yaxis</c>, 2 → <c>yaxis2</c>) of <paramref name="chart"/> (in place; returns it).</summary>
    public static GenericChart WithY(GenericChart chart, LinearAxis axis, int index = 1) => SetAxis(chart, "yaxis", axis, index);

    private static GenericChart SetAxis(GenericChart chart, string name, LinearAxis axis, int index)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        LayoutOf(chart).SetProperty(index == 1 ? name : $"{name}{index}", axis);
        return chart;
    }
}
