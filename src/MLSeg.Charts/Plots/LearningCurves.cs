using System.Globalization;
using MLSeg.Charts.Data;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using Chart = Plotly.NET.CSharp.Chart;

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

    /// <summary>
    /// The learning-curve chart: per source, the mean line (markers at each n) with a filled band (± SD or 95% CI over
    /// folds × seeds), on a log n axis with ticks at the trained sizes; with a <see cref="LearningCurveOptions.HumanBand"/>,
    /// the human range as a grey horizontal rectangle and a star at the smallest n whose mean reaches it.
    /// Points whose mean is not finite (e.g. HD95 of empty predictions) are left out; throws
    /// <see cref="ArgumentException"/> when none is finite (<see cref="HasFiniteValues"/> tells beforehand).
    /// </summary>
    public static GenericChart Create(IEnumerable<ResultRow> rows, LearningCurveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = Aggregate(rows, options.Metric, options.Label);
        var points = all.Where(p => double.IsFinite(p.Mean)).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException($"No finite {MetricInfo.ShortName(options.Metric)} value{ResultCharts.LabelSuffix(options.Label)} to plot: every case value is undefined.", nameof(rows));
        }

        var colors = Palette.ForKeys(points.Select(p => p.Source));
        string shortName = MetricInfo.ShortName(options.Metric);
        string bandText = options.Band switch { BandKind.Ci95 => "95% CI ±", BandKind.StandardDeviation => "SD", _ => "" };
        var parts = new List<GenericChart>();
        foreach (var source in points.GroupBy(p => p.Source, StringComparer.Ordinal))
        {
            var ps = source.OrderBy(p => p.N).ToList();
            string color = colors[source.Key];
            string name = PlotText.Escape(source.Key);
            double[] x = [.. ps.Select(p => (double)p.N)];
            double[] mean = [.. ps.Select(p => p.Mean)];
            double[] half = [.. ps.Select(p => options.Band == BandKind.Ci95 ? p.Ci95HalfWidth : p.StandardDeviation)];
            string[] text = [.. ps.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
                $"{p.Replicates} fold×seed replicate(s)") + (options.Band == BandKind.None ? "" : double.IsFinite(half[i]) ? string.Create(CultureInfo.InvariantCulture, $"; {bandText} {half[i]:0.###}") : $"; {bandText} n/a (one replicate)"))];
            GenericChart curve;
            if (options.Band == BandKind.None)
            {
                curve = Chart.Line<double, double, string>(x, mean, ShowMarkers: true, Name: name, MultiText: text, UseDefaults: false);
            }
            else
            {
                curve = Chart.Range<double, double, string>(x, mean, [.. ps.Select((p, i) => p.Mean + half[i])], [.. ps.Select((p, i) => p.Mean - half[i])],
                    StyleParam.Mode.Lines_Markers, Name: name, MultiText: text, RangeColor: Color.fromString(Palette.WithAlpha(color, 0.18)), UseDefaults: false);
                Trace[] traces = Traces(curve);

                // Chart.Range draws lower, upper (filled to the lower edge: tonexty), then the mean; the edges are invisible.
                for (int edge = 0; edge < 2; edge++)
                {
                    Set(traces[edge],
                        ("name", $"{name} {(edge == 0 ? "lower" : "upper")}"), ("showlegend", false), ("hoverinfo", "skip"), ("mode", "lines"),
                        ("marker", null), ("line", Make<Line>(("width", 0), ("color", Palette.WithAlpha(color, 0.18)))),
                        ("y", Numbers(edge == 0 ? ps.Select((p, i) => p.Mean - half[i]) : ps.Select((p, i) => p.Mean + half[i]))));
                }
            }

            Trace line = Traces(curve)[^1];
            Set(line,
                ("line", Make<Line>(("color", color), ("width", 2.5))),
                ("marker", Make<Marker>(("color", color), ("size", 7))),
                ("hovertemplate", $"{name}<br>n=%{{x}}<br>{shortName}=%{{y:.3f}}<br>%{{text}}<extra></extra>"));
            parts.Add(InGroup(curve, source.Key));
        }

        IReadOnlyDictionary<string, int> reached = options.HumanBand is { } band ? SmallestNReaching(points, band, options.Metric) : new Dictionary<string, int>();
        foreach (var (source, n) in reached.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            double y = points.First(p => p.Source == source && p.N == n).Mean;
            var star = Chart.Point<double, double, string>([n], [y], Name: $"{PlotText.Escape(source)}: reaches human range at n={n}",
                MarkerColor: Color.fromHex(colors[source]), MarkerSymbol: StyleParam.MarkerSymbol.Star, UseDefaults: false);
            Set(Traces(star)[0],
                ("marker", Make<Marker>(("color", colors[source]), ("size", 16), ("symbol", "star"), ("line", Make<Line>(("color", "#000000"), ("width", 1))))),
                ("hovertemplate", $"{PlotText.Escape(source)} reaches the human range<br>n=%{{x}}<extra></extra>"));
            parts.Add(InGroup(star, source));
        }

        string title = options.Title ?? $"Learning curve: {shortName}" + ResultCharts.LabelSuffix(options.Label);
        double[] ticks = [.. points.Select(p => (double)p.N).Distinct().Order()];
        var chart = ChartStyle.Apply(Chart.Combine(parts), PlotText.Escape(title));
        var xAxis = ChartStyle.Axis("Training cases (n)", options.LogX ? "log" : "linear");
        Set(xAxis, ("tickvals", ticks), ("ticktext", ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray()));
        ChartStyle.WithX(chart, xAxis);
        ChartStyle.WithY(chart, ChartStyle.Axis(MetricInfo.AxisLabel(options.Metric)));
        if (options.HumanBand is { } human)
        {
            Set(LayoutOf(chart),
                ("shapes", new[]
                {
                    Make<Shape>(("type", "rect"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", human.Lower), ("y1", human.Upper),
                        ("fillcolor", "rgba(120,120,120,0.18)"), ("layer", "below"), ("line", Make<Line>(("width", 0)))),
                }),
                ("annotations", new[]
                {
                    Make<Annotation>(("text", PlotText.Escape(human.Label)), ("xref", "paper"), ("yref", "y"), ("x", 0.01), ("y", human.Upper),
                        ("xanchor", "left"), ("yanchor", "bottom"), ("showarrow", false), ("font", Make<Font>(("size", 11), ("color", "#555555")))),
                }));
        }

        return chart;
    }

    /// <summary>Whether <paramref name="rows"/> hold at least one finite value of <paramref name="metric"/> (for <paramref name="label"/>, or any label when null).</summary>
    public static bool HasFiniteValues(IEnumerable<ResultRow> rows, Metric metric, int? label)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Any(r => (label is null || r.Label == label) && double.IsFinite(MetricInfo.Of(r, metric)));
    }
}
