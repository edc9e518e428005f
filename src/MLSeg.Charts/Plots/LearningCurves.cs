using System.Globalization;
using MLSeg.Charts.Data;
using MLSeg.Charts.Figures;

namespace MLSeg.Charts.Plots;

/// <summary>Learning curves: a metric against training size n, one line per source task, with a band over folds.</summary>
public static class LearningCurves
{
    /// <summary>
    /// Aggregates rows into curve points: per (source, n, fold, seed) the mean over cases (labels averaged per case when
    /// <paramref name="label"/> is null), then mean, SD and 95% CI over those replicates. Sorted by source, then n.
    /// </summary>
    public static IReadOnlyList<CurvePoint> Aggregate(IEnumerable<ResultRow> rows, Metric metric, int? label)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = rows.Where(r => label is null || r.Label == label).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException(label is null ? "No result rows to aggregate." : $"No result rows have label {label}.", nameof(rows));
        }

        return [.. selected
            .GroupBy(r => (r.Source, r.N))
            .Select(g =>
            {
                double[] replicates = [.. g.GroupBy(r => (r.Fold, r.Seed))
                    .Select(rep => Stats.Mean(rep.GroupBy(r => r.Case).Select(c => Stats.Mean(c.Select(r => MetricInfo.Of(r, metric))))))];
                return new CurvePoint(g.Key.Source, g.Key.N, Stats.Mean(replicates), Stats.StandardDeviation(replicates), Stats.Ci95HalfWidth(replicates), replicates.Length);
            })
            .OrderBy(p => p.Source, StringComparer.Ordinal)
            .ThenBy(p => p.N)];
    }

    /// <summary>The smallest n whose mean reaches the human band for each source; sources that never reach it are absent.</summary>
    public static IReadOnlyDictionary<string, int> SmallestNReaching(IEnumerable<CurvePoint> points, HumanBand band, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(band);
        return points.Where(p => double.IsFinite(p.Mean) && band.IsReachedBy(p.Mean, metric))
            .GroupBy(p => p.Source, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(p => p.N), StringComparer.Ordinal);
    }

    /// <summary>The learning-curve figure.</summary>
    public static Figure Create(IEnumerable<ResultRow> rows, LearningCurveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var points = Aggregate(rows, options.Metric, options.Label);
        var colors = Palette.ForKeys(points.Select(p => p.Source));
        string yLabel = MetricInfo.AxisLabel(options.Metric);
        var traces = new List<Trace>();
        foreach (var source in points.GroupBy(p => p.Source, StringComparer.Ordinal))
        {
            var ps = source.ToList();
            string color = colors[source.Key];
            string name = PlotText.Escape(source.Key);
            double[] x = [.. ps.Select(p => (double)p.N)];
            double[] half = [.. ps.Select(p => options.Band == BandKind.Ci95 ? p.Ci95HalfWidth : p.StandardDeviation)];
            if (options.Band != BandKind.None)
            {
                traces.Add(ErrorBand.Band(x, [.. ps.Select((p, i) => p.Mean - half[i])], [.. ps.Select((p, i) => p.Mean + half[i])], source.Key, Palette.WithAlpha(color, 0.18)) with { Name = name });
            }

            string bandText = options.Band switch { BandKind.Ci95 => "95% CI", BandKind.StandardDeviation => "SD", _ => "" };
            traces.Add(new ScatterTrace(x, DataArray.Of(ps.Select(p => p.Mean)))
            {
                Name = name,
                LegendGroup = source.Key,
                Mode = ScatterMode.LinesMarkers,
                Line = new LineStyle { Color = color, Width = 2.5 },
                Marker = new MarkerStyle { Color = color, Size = 7 },
                Text = DataArray.Of(ps.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Replicates} folds; {bandText} {(options.Band == BandKind.Ci95 ? p.Ci95HalfWidth : p.StandardDeviation):0.###}"))),
                HoverTemplate = $"{name}<br>n=%{{x}}<br>{MetricInfo.ShortName(options.Metric)}=%{{y:.3f}}<br>%{{text}}<extra></extra>",
            });
        }

        string title = options.Title ?? $"Learning curve: {MetricInfo.ShortName(options.Metric)}" + (options.Label is { } l ? $" (label {l})" : " (mean over labels)");
        var n = points.Select(p => p.N).Distinct().Order().ToArray();
        Axis xAxis = ChartStyle.Axis("Training cases (n)", options.LogX ? AxisType.Log : AxisType.Linear) with { TickValues = DataArray.Of(n.Select(v => (double)v)) };
        var figure = new Figure(traces, ChartStyle.Layout(title)).WithXAxis(xAxis).WithYAxis(ChartStyle.Axis(yLabel));
        if (options.HumanBand is { } band)
        {
            figure = AddHumanBand(figure, band, options.Metric, points, colors);
        }

        return figure;
    }

    private static Figure AddHumanBand(Figure figure, HumanBand band, Metric metric, IReadOnlyList<CurvePoint> points, IReadOnlyDictionary<string, string> colors)
    {
        figure = figure
            .WithShape(Shape.HorizontalBand(band.Lower, band.Upper, "rgba(120,120,120,0.18)"))
            .WithAnnotation(new Annotation(PlotText.Escape(band.Label), 0.01, band.Upper) { XRef = "paper", YRef = "y", ShowArrow = false, XAnchor = "left", YAnchor = "bottom", FontSize = 11, FontColor = "#555555" });
        var reached = SmallestNReaching(points, band, metric);
        var markers = new List<Trace>();
        foreach (var (source, n) in reached.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            double y = points.First(p => p.Source == source && p.N == n).Mean;
            markers.Add(new ScatterTrace(new[] { (double)n }, new[] { y })
            {
                Name = $"{PlotText.Escape(source)}: reaches human range at n={n}",
                LegendGroup = source,
                Mode = ScatterMode.Markers,
                Marker = new MarkerStyle { Color = colors[source], Size = 16, Symbol = "star", Line = new LineStyle { Color = "#000000", Width = 1 } },
                HoverTemplate = $"{PlotText.Escape(source)} reaches the human range<br>n=%{{x}}<extra></extra>",
            });
        }

        return figure.WithTraces(markers);
    }
}
