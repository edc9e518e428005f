using System.Globalization;
using MLSeg.Evaluation.Statistics;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using Chart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Charts.Plots;

/// <summary>Bland–Altman agreement chart: difference (a − b) against mean ((a + b) / 2), with bias and 95% limits of agreement.</summary>
public static class BlandAltmanChart
{
    /// <summary>
    /// The chart of paired measurements <paramref name="a"/>[i] and <paramref name="b"/>[i] (e.g. predicted vs reference muscle
    /// area in cm²). Bias and limits of agreement (bias ± 1.96 × sample SD of the differences) come from
    /// <see cref="BlandAltman.Compute"/> with <paramref name="b"/> as the reference. Pairs with a non-finite value are left out.
    /// </summary>
    public static GenericChart Create(IReadOnlyList<double> a, IReadOnlyList<double> b, string quantity, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(quantity);
        ArgumentNullException.ThrowIfNull(nameA);
        ArgumentNullException.ThrowIfNull(nameB);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Bland–Altman needs paired values: got {a.Count} and {b.Count}.", nameof(b));
        }

        int[] pairs = [.. Enumerable.Range(0, a.Count).Where(i => double.IsFinite(a[i]) && double.IsFinite(b[i]))];
        if (pairs.Length < 2)
        {
            throw new ArgumentException($"Bland–Altman needs at least two finite pairs; got {pairs.Length}.", nameof(a));
        }

        double[] va = [.. pairs.Select(i => a[i])];
        double[] vb = [.. pairs.Select(i => b[i])];
        BlandAltman stats = BlandAltman.Compute(vb, va);
        double[] mean = [.. pairs.Select(i => (a[i] + b[i]) / 2)];
        double[] diff = [.. pairs.Select(i => a[i] - b[i])];
        var chart = Chart.Point<double, double, string>(mean, diff, Name: "pairs", UseDefaults: false);
        Set(Traces(chart)[0],
            ("marker", Make<Marker>(("color", Palette.Color(0)), ("size", 7))),
            ("hovertemplate", "mean %{x:.3f}<br>difference %{y:.3f}<extra></extra>"));
        string ea = PlotText.Escape(nameA), eb = PlotText.Escape(nameB);
        ChartStyle.Apply(chart, $"Bland–Altman: {PlotText.Escape(quantity)}", showLegend: false);
        ChartStyle.WithX(chart, ChartStyle.Axis($"Mean of {ea} and {eb}"));
        ChartStyle.WithY(chart, ChartStyle.Axis($"{ea} − {eb}"));
        (string Label, double Y, string Color, string Dash)[] lines =
        [
            ("bias", stats.Bias, "#333333", "solid"),
            ("−1.96 SD", stats.LowerLimit, "#D55E00", "dash"),
            ("+1.96 SD", stats.UpperLimit, "#D55E00", "dash"),
        ];
        Set(LayoutOf(chart),
            ("shapes", lines.Select(l => Make<Shape>(("type", "line"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", l.Y), ("y1", l.Y),
                ("line", Make<Line>(("color", l.Color), ("width", 1.5), ("dash", l.Dash))))).ToArray()),
            ("annotations", lines.Select(l => Make<Annotation>(("text", string.Create(CultureInfo.InvariantCulture, $"{l.Label} {l.Y:0.###}")),
                ("xref", "paper"), ("yref", "y"), ("x", 1), ("y", l.Y), ("xanchor", "right"), ("yanchor", l.Y < stats.Bias ? "top" : "bottom"), ("showarrow", false))).ToArray()));
        return chart;
    }
}
