namespace MLSeg.Charts.Figures;

/// <summary>Axis scale (plotly <c>axis.type</c>).</summary>
public enum AxisType
{
    /// <summary>Linear numeric axis.</summary>
    Linear,

    /// <summary>Base-10 logarithmic axis; its <see cref="Axis.Range"/> is given in log10 units, as plotly.js expects.</summary>
    Log,

    /// <summary>Categorical axis.</summary>
    Category,
}
