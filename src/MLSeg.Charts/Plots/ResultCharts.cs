using System.Globalization;
using MLSeg.Charts.Data;
using MLSeg.Charts.Figures;

namespace MLSeg.Charts.Plots;

/// <summary>Per-arm distributions, fold-by-fold curves and the strategy × n heatmap, all from results.csv rows.</summary>
public static class ResultCharts
{
    /// <summary>
    /// Per-case values of <paramref name="metric"/> (case values averaged over labels when <paramref name="label"/> is null,
    /// and over folds/seeds when a case was tested more than once) as a box or violin per training size n, one colour per source.
    /// </summary>
    public static Figure Distributions(IEnumerable<ResultRow> rows, Metric metric, int? label, DistributionKind kind)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = rows.Where(r => label is null || r.Label == label).ToList();
        RequireRows(selected, label);
        var colors = Palette.ForKeys(selected.Select(r => r.Source));
        var traces = new List<Trace>();
        foreach (var source in selected.GroupBy(r => r.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var perCase = source.GroupBy(r => (r.N, r.Fold, r.Seed, r.Case)).OrderBy(g => g.Key.N)
                .Select(g => (g.Key.N, Value: Stats.Mean(g.Select(r => MetricInfo.Of(r, metric))))).ToList();
            DataArray x = DataArray.Of(perCase.Select(p => p.N.ToString(CultureInfo.InvariantCulture)));
            DataArray y = DataArray.Of(perCase.Select(p => p.Value));
            string color = colors[source.Key];
            string name = PlotText.Escape(source.Key);
            traces.Add(kind == DistributionKind.Box
                ? new BoxTrace(y, x) { Name = name, BoxPoints = "all", BoxMean = true, Marker = new MarkerStyle { Color = color, Size = 4 }, Line = new LineStyle { Color = color } }
                : new ViolinTrace(y, x) { Name = name, ShowBox = true, ShowMeanLine = true, Points = "all", Line = new LineStyle { Color = color } });
        }

        string title = $"Per-case {MetricInfo.ShortName(metric)} by training size" + LabelSuffix(label);
        return new Figure(traces, ChartStyle.Layout(title) with { BoxMode = "group", ViolinMode = "group" })
            .WithXAxis(ChartStyle.Axis("Training cases (n)", AxisType.Category))
            .WithYAxis(ChartStyle.Axis(MetricInfo.AxisLabel(metric)));
    }

    /// <summary>One line per (source, fold): the per-fold mean of <paramref name="metric"/> against n (seeds averaged), dashes per fold.</summary>
    public static Figure FoldCurves(IEnumerable<ResultRow> rows, Metric metric, int? label, bool logX = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = rows.Where(r => label is null || r.Label == label).ToList();
        RequireRows(selected, label);
        var colors = Palette.ForKeys(selected.Select(r => r.Source));
        DashStyle[] dashes = [DashStyle.Solid, DashStyle.Dash, DashStyle.Dot, DashStyle.DashDot];
        var traces = new List<Trace>();
        foreach (var group in selected.GroupBy(r => (r.Source, r.Fold)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Fold))
        {
            var pts = group.GroupBy(r => r.N).OrderBy(g => g.Key)
                .Select(g => (N: (double)g.Key, Mean: Stats.Mean(g.GroupBy(r => (r.Seed, r.Case)).Select(c => Stats.Mean(c.Select(r => MetricInfo.Of(r, metric))))))).ToList();
            string color = colors[group.Key.Source];
            traces.Add(new ScatterTrace(DataArray.Of(pts.Select(p => p.N)), DataArray.Of(pts.Select(p => p.Mean)))
            {
                Name = $"{PlotText.Escape(group.Key.Source)} fold {group.Key.Fold}",
                LegendGroup = group.Key.Source,
                Mode = ScatterMode.LinesMarkers,
                Line = new LineStyle { Color = color, Width = 1.5, Dash = dashes[Math.Abs(group.Key.Fold) % dashes.Length] },
                Marker = new MarkerStyle { Color = color, Size = 5 },
            });
        }

        return new Figure(traces, ChartStyle.Layout($"Fold-by-fold {MetricInfo.ShortName(metric)}" + LabelSuffix(label)))
            .WithXAxis(ChartStyle.Axis("Training cases (n)", logX ? AxisType.Log : AxisType.Linear))
            .WithYAxis(ChartStyle.Axis(MetricInfo.AxisLabel(metric)));
    }

    /// <summary>Mean <paramref name="metric"/> over replicates as a heatmap: one row per source (strategy), one column per n.</summary>
    public static Figure StrategyHeatmap(IEnumerable<ResultRow> rows, Metric metric, int? label)
    {
        var points = LearningCurves.Aggregate(rows, metric, label);
        string[] sources = [.. points.Select(p => p.Source).Distinct().Order(StringComparer.Ordinal)];
        int[] ns = [.. points.Select(p => p.N).Distinct().Order()];
        var lookup = points.ToDictionary(p => (p.Source, p.N), p => p.Mean);
        IReadOnlyList<double>[] z = [.. sources.Select(s => (IReadOnlyList<double>)[.. ns.Select(n => lookup.TryGetValue((s, n), out double m) ? m : double.NaN)])];
        bool higher = MetricInfo.HigherIsBetter(metric);
        var trace = new HeatmapTrace(z, DataArray.Of(ns.Select(n => $"n={n}")), DataArray.Of(sources.Select(PlotText.Escape)))
        {
            ColorScale = "Viridis",
            ReverseScale = !higher,
            ColorBarTitle = MetricInfo.AxisLabel(metric),
            TextTemplate = metric == Metric.Dice ? "%{z:.3f}" : "%{z:.2f}",
            HoverTemplate = $"%{{y}}, %{{x}}<br>mean {MetricInfo.ShortName(metric)}=%{{z:.3f}}<extra></extra>",
        };
        return new Figure([trace], ChartStyle.Layout($"Mean {MetricInfo.ShortName(metric)}: strategy × training size" + LabelSuffix(label)) with { Legend = null })
            .WithXAxis(ChartStyle.Axis("Training size", AxisType.Category) with { ShowGrid = false })
            .WithYAxis(ChartStyle.Axis("Source task", AxisType.Category) with { ShowGrid = false });
    }

    internal static string LabelSuffix(int? label) => label is { } l ? $" (label {l})" : " (mean over labels)";

    private static void RequireRows(List<ResultRow> rows, int? label)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException(label is null ? "No result rows to plot." : $"No result rows have label {label}.", nameof(rows));
        }
    }
}
