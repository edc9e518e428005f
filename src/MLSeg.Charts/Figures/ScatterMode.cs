namespace MLSeg.Charts.Figures;

/// <summary>How a scatter trace draws its points (plotly <c>mode</c>).</summary>
public enum ScatterMode
{
    /// <summary>Connected line only (<c>lines</c>).</summary>
    Lines,

    /// <summary>Markers only (<c>markers</c>).</summary>
    Markers,

    /// <summary>Line with markers (<c>lines+markers</c>).</summary>
    LinesMarkers,

    /// <summary>Nothing drawn; used by filled band outlines (<c>none</c>).</summary>
    None,
}
