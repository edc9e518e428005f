using MLSeg.Charts.Figures;

namespace MLSeg.Charts.Plots;

/// <summary>The house style of MLSeg's research charts: white background, axis lines, outside ticks, light grid.</summary>
public static class ChartStyle
{
    /// <summary>Font stack used by charts and report pages.</summary>
    public const string FontFamily = "Helvetica Neue, Helvetica, Arial, sans-serif";

    /// <summary>A styled axis with <paramref name="title"/>.</summary>
    public static Axis Axis(string title, AxisType? type = null) => new()
    {
        Title = title,
        Type = type,
        ShowLine = true,
        Ticks = "outside",
        ShowGrid = true,
        GridColor = "#e5e5e5",
        ZeroLine = false,
    };

    /// <summary>A styled layout with <paramref name="title"/>.</summary>
    public static Layout Layout(string title) => new()
    {
        Title = title,
        FontFamily = FontFamily,
        FontSize = 13,
        PlotBackground = "#ffffff",
        PaperBackground = "#ffffff",
        HoverMode = "closest",
        Margin = (70, 30, 70, 110),
        Legend = new Legend { Orientation = "h", X = 0, Y = -0.2, XAnchor = "left", YAnchor = "top" },
    };
}
