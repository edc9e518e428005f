using System.Globalization;
using MLSeg.Charts.Data;
using MLSeg.Charts.Figures;

namespace MLSeg.Charts.Plots;

/// <summary>Bland–Altman agreement plot: difference (a − b) against mean ((a + b) / 2), with bias and 95% limits of agreement.</summary>
public static class BlandAltman
{
    /// <summary>
    /// The plot of paired measurements <paramref name="a"/>[i] and <paramref name="b"/>[i] (e.g. predicted vs reference muscle
    /// area in cm²). Limits of agreement are bias ± 1.96 × sample SD of the differences. Pairs with a non-finite value are left out.
    /// </summary>
    public static Figure Create(IReadOnlyList<double> a, IReadOnlyList<double> b, string quantity, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Bland–Altman needs paired values: got {a.Count} and {b.Count}.", nameof(b));
        }

        var pairs = Enumerable.Range(0, a.Count).Where(i => double.IsFinite(a[i]) && double.IsFinite(b[i])).ToList();
        if (pairs.Count < 2)
        {
            throw new ArgumentException($"Bland–Altman needs at least two finite pairs; got {pairs.Count}.", nameof(a));
        }

        double[] mean = [.. pairs.Select(i => (a[i] + b[i]) / 2)];
        double[] diff = [.. pairs.Select(i => a[i] - b[i])];
        double bias = Stats.Mean(diff);
        double sd = Stats.StandardDeviation(diff);
        double lo = bias - (1.96 * sd);
        double hi = bias + (1.96 * sd);
        var points = new ScatterTrace(mean, diff) { Name = "pairs", Mode = ScatterMode.Markers, Marker = new MarkerStyle { Color = Palette.Color(0), Size = 7 } };
        string label(string what, double v) => string.Create(CultureInfo.InvariantCulture, $"{what} {v:0.###}");
        return new Figure([points], ChartStyle.Layout($"Bland–Altman: {PlotText.Escape(quantity)}") with { ShowLegend = false })
            .WithXAxis(ChartStyle.Axis($"Mean of {PlotText.Escape(nameA)} and {PlotText.Escape(nameB)}"))
            .WithYAxis(ChartStyle.Axis($"{PlotText.Escape(nameA)} − {PlotText.Escape(nameB)}"))
            .WithShape(Shape.HorizontalLine(bias, new LineStyle { Color = "#333333", Width = 1.5 }))
            .WithShape(Shape.HorizontalLine(lo, new LineStyle { Color = "#D55E00", Width = 1.5, Dash = DashStyle.Dash }))
            .WithShape(Shape.HorizontalLine(hi, new LineStyle { Color = "#D55E00", Width = 1.5, Dash = DashStyle.Dash }))
            .WithAnnotation(new Annotation(label("bias", bias), 1, bias) { XRef = "paper", XAnchor = "right", YAnchor = "bottom", ShowArrow = false })
            .WithAnnotation(new Annotation(label("−1.96 SD", lo), 1, lo) { XRef = "paper", XAnchor = "right", YAnchor = "top", ShowArrow = false })
            .WithAnnotation(new Annotation(label("+1.96 SD", hi), 1, hi) { XRef = "paper", XAnchor = "right", YAnchor = "bottom", ShowArrow = false });
    }
}
