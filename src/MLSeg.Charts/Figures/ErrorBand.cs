namespace MLSeg.Charts.Figures;

/// <summary>Builds the closed polygon trace that plotly.js fills to shade a band between two curves.</summary>
public static class ErrorBand
{
    /// <summary>
    /// The band between <paramref name="lower"/> and <paramref name="upper"/> over <paramref name="x"/>: x forwards along the
    /// upper edge, backwards along the lower edge, filled <c>toself</c>, no legend entry, hover off.
    /// Points where either bound is not finite are left out.
    /// </summary>
    public static ScatterTrace Band(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper, string legendGroup, string fillColor)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Count != x.Count || upper.Count != x.Count)
        {
            throw new ArgumentException($"Band needs one lower and one upper value per x: got {x.Count} x, {lower.Count} lower, {upper.Count} upper.", nameof(lower));
        }

        var keep = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(lower[i]) && double.IsFinite(upper[i])).ToArray();
        double[] bx = [.. keep.Select(i => x[i]), .. keep.Reverse().Select(i => x[i])];
        double[] by = [.. keep.Select(i => upper[i]), .. keep.Reverse().Select(i => lower[i])];
        return new ScatterTrace(bx, by)
        {
            Name = legendGroup,
            LegendGroup = legendGroup,
            ShowLegend = false,
            Mode = ScatterMode.Lines,
            Line = new LineStyle { Width = 0 },
            Fill = FillMode.ToSelf,
            FillColor = fillColor,
            HoverTemplate = "<extra></extra>",
        };
    }
}
