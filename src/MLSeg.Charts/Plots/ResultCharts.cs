using System.Globalization;
using MLSeg.Charts.Data;
using Plotly.NET;
using Plotly.NET.TraceObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using Chart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Charts.Plots;

/// <summary>Per-arm distributions, fold-by-fold curves and the strategy × n heatmap, all from results.csv rows.</summary>
public static class ResultCharts
{
    /// <summary>
    /// Per-case values of <paramref name="metric"/> (case values averaged over labels when <paramref name="label"/> is null)
    /// as a box or violin per training size n, one colour per source; one point per (fold, seed, case). Undefined (non-finite)
    /// values are left out; throws <see cref="ArgumentException"/> when none is finite.
    /// </summary>
    public static GenericChart Distributions(IEnumerable<ResultRow> rows, Metric metric, int? label, DistributionKind kind)
    {
        var selected = Select(rows, metric, label);
        var colors = Palette.ForKeys(selected.Select(r => r.Source));
        var parts = new List<GenericChart>();
        foreach (var source in selected.GroupBy(r => r.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var perCase = source.GroupBy(r => (r.N, r.Fold, r.Seed, r.Case)).OrderBy(g => g.Key.N)
                .Select(g => (g.Key.N, Value: Stats.Mean(g.Select(r => MetricInfo.Of(r, metric))))).Where(p => double.IsFinite(p.Value)).ToList();
            if (perCase.Count == 0)
            {
                continue;
            }

            string[] x = [.. perCase.Select(p => p.N.ToString(CultureInfo.InvariantCulture))];
            double[] y = [.. perCase.Select(p => p.Value)];
            string color = colors[source.Key];
            string name = PlotText.Escape(source.Key);
            GenericChart part = kind == DistributionKind.Box
                ? Chart.BoxPlot<string, double, string>(X: x, Y: y, Name: name, BoxPoints: StyleParam.BoxPoints.All, BoxMean: StyleParam.BoxMean.True, UseDefaults: false)
                : Chart.Violin<string, double, string>(X: x, Y: y, Name: name, ShowBox: true, Points: StyleParam.BoxPoints.All, UseDefaults: false);
            Set(Traces(part)[0],
                ("marker", Make<Marker>(("color", color), ("size", 4))),
                ("line", Make<Line>(("color", color))),
                ("meanline", kind == DistributionKind.Violin ? Make<MeanLine>(("visible", true)) : null),
                ("hovertemplate", $"{name}<br>n=%{{x}}<br>{MetricInfo.ShortName(metric)}=%{{y:.3f}}<extra></extra>"));
            parts.Add(part);
        }

        var chart = ChartStyle.Apply(Chart.Combine(parts), $"Per-case {MetricInfo.ShortName(metric)} by training size" + LabelSuffix(label));
        Set(LayoutOf(chart), ("boxmode", "group"), ("violinmode", "group"));
        ChartStyle.WithX(chart, ChartStyle.Axis("Training cases (n)", "category"));
        return ChartStyle.WithY(chart, ChartStyle.Axis(MetricInfo.AxisLabel(metric)));
    }

    /// <summary>
    /// One line per (source, fold): the per-fold mean of <paramref name="metric"/> against n (seeds and cases averaged,
    /// undefined values left out), a dash style per fold. Throws <see cref="ArgumentException"/> when no value is finite.
    /// </summary>
    public static GenericChart FoldCurves(IEnumerable<ResultRow> rows, Metric metric, int? label, bool logX = true)
    {
        var selected = Select(rows, metric, label);
        var colors = Palette.ForKeys(selected.Select(r => r.Source));
        string[] dashes = ["solid", "dash", "dot", "dashdot"];
        var parts = new List<GenericChart>();
        foreach (var group in selected.GroupBy(r => (r.Source, r.Fold)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Fold))
        {
            var pts = group.GroupBy(r => r.N).OrderBy(g => g.Key)
                .Select(g => (N: (double)g.Key, Mean: Stats.Mean(g.GroupBy(r => (r.Seed, r.Case)).Select(c => Stats.Mean(c.Select(r => MetricInfo.Of(r, metric)))))))
                .Where(p => double.IsFinite(p.Mean)).ToList();
            if (pts.Count == 0)
            {
                continue;
            }

            string color = colors[group.Key.Source];
            string name = $"{PlotText.Escape(group.Key.Source)} fold {group.Key.Fold}";
            var part = Chart.Line<double, double, string>(pts.Select(p => p.N), pts.Select(p => p.Mean), ShowMarkers: true, Name: name, UseDefaults: false);
            Set(Traces(part)[0],
                ("line", Make<Line>(("color", color), ("width", 1.5), ("dash", dashes[Math.Abs(group.Key.Fold) % dashes.Length]))),
                ("marker", Make<Marker>(("color", color), ("size", 5))),
                ("hovertemplate", $"{name}<br>n=%{{x}}<br>{MetricInfo.ShortName(metric)}=%{{y:.3f}}<extra></extra>"));
            parts.Add(InGroup(part, group.Key.Source));
        }

        var chart = ChartStyle.Apply(Chart.Combine(parts), $"Fold-by-fold {MetricInfo.ShortName(metric)}" + LabelSuffix(label));
        ChartStyle.WithX(chart, ChartStyle.Axis("Training cases (n)", logX ? "log" : "linear"));
        return ChartStyle.WithY(chart, ChartStyle.Axis(MetricInfo.AxisLabel(metric)));
    }

    /// <summary>
    /// Mean <paramref name="metric"/> over replicates as a heatmap: one row per source (strategy), one column per n, the value
    /// written in each cell; cells without a finite mean are gaps. The y axis widens its margin to fit long source names.
    /// </summary>
    public static GenericChart StrategyHeatmap(IEnumerable<ResultRow> rows, Metric metric, int? label)
    {
        var points = LearningCurves.Aggregate(Select(rows, metric, label), metric, label);
        string[] sources = [.. points.Select(p => p.Source).Distinct().Order(StringComparer.Ordinal)];
        int[] ns = [.. points.Select(p => p.N).Distinct().Order()];
        var lookup = points.ToDictionary(p => (p.Source, p.N), p => p.Mean);
        double?[][] z = [.. sources.Select(s => Numbers(ns.Select(n => lookup.TryGetValue((s, n), out double m) ? m : double.NaN)))];
        string[] x = [.. ns.Select(n => string.Create(CultureInfo.InvariantCulture, $"n={n}"))];
        string[] y = [.. sources.Select(PlotText.Escape)];
        var chart = Chart.Heatmap<double, string, string, string>(z.Select(row => row.Select(v => v ?? double.NaN)), X: x, Y: y,
            ColorScale: StyleParam.Colorscale.Viridis, ReverseScale: !MetricInfo.HigherIsBetter(metric), UseDefaults: false);
        Set(Traces(chart)[0],
            ("z", z), // gaps as null: Plotly.NET writes NaN as the string "NaN"
            ("colorbar", Make<ColorBar>(("title", Title(MetricInfo.AxisLabel(metric))))),
            ("texttemplate", metric == Metric.Dice ? "%{z:.3f}" : "%{z:.2f}"),
            ("hovertemplate", $"%{{y}}, %{{x}}<br>mean {MetricInfo.ShortName(metric)}=%{{z:.3f}}<extra></extra>"));
        ChartStyle.Apply(chart, $"Mean {MetricInfo.ShortName(metric)}: strategy × training size" + LabelSuffix(label), showLegend: false);
        ChartStyle.WithX(chart, ChartStyle.Axis("Training size", "category", showGrid: false));
        return ChartStyle.WithY(chart, ChartStyle.Axis("Source task", "category", showGrid: false));
    }

    internal static string LabelSuffix(int? label) => label is { } l ? $" (label {l})" : " (mean over labels)";

    private static List<ResultRow> Select(IEnumerable<ResultRow> rows, Metric metric, int? label)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = rows.Where(r => label is null || r.Label == label).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException(label is null ? "No result rows to plot." : $"No result rows have label {label}.", nameof(rows));
        }

        if (!selected.Any(r => double.IsFinite(MetricInfo.Of(r, metric))))
        {
            throw new ArgumentException($"No finite {MetricInfo.ShortName(metric)} value{LabelSuffix(label)} to plot: every case value is undefined.", nameof(rows));
        }

        return selected;
    }
}
