namespace MLSeg.Charts.Figures;

/// <summary>Line dash pattern (plotly <c>line.dash</c>).</summary>
public enum DashStyle
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Dashed line.</summary>
    Dash,

    /// <summary>Dotted line.</summary>
    Dot,

    /// <summary>Dash-dot line.</summary>
    DashDot,
}
