namespace MLSeg.Charts.Figures;

/// <summary>Area filling of a scatter trace (plotly <c>fill</c>).</summary>
public enum FillMode
{
    /// <summary>Closes the trace on itself and fills the polygon (<c>toself</c>); used for error bands.</summary>
    ToSelf,

    /// <summary>Fills to the previous trace (<c>tonexty</c>).</summary>
    ToNextY,

    /// <summary>Fills down to y = 0 (<c>tozeroy</c>).</summary>
    ToZeroY,
}
