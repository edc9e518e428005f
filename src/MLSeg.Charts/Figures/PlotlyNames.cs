namespace MLSeg.Charts.Figures;

/// <summary>The plotly.js attribute values for MLSeg's enums.</summary>
internal static class PlotlyNames
{
    public static string Of(ScatterMode mode) => mode switch
    {
        ScatterMode.Lines => "lines",
        ScatterMode.Markers => "markers",
        ScatterMode.LinesMarkers => "lines+markers",
        ScatterMode.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown scatter mode."),
    };

    public static string Of(DashStyle dash) => dash switch
    {
        DashStyle.Solid => "solid",
        DashStyle.Dash => "dash",
        DashStyle.Dot => "dot",
        DashStyle.DashDot => "dashdot",
        _ => throw new ArgumentOutOfRangeException(nameof(dash), dash, "Unknown dash style."),
    };

    public static string Of(FillMode fill) => fill switch
    {
        FillMode.ToSelf => "toself",
        FillMode.ToNextY => "tonexty",
        FillMode.ToZeroY => "tozeroy",
        _ => throw new ArgumentOutOfRangeException(nameof(fill), fill, "Unknown fill mode."),
    };

    public static string Of(AxisType type) => type switch
    {
        AxisType.Linear => "linear",
        AxisType.Log => "log",
        AxisType.Category => "category",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown axis type."),
    };
}
