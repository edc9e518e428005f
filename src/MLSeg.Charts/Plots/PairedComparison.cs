using System.Globalization;
using System.Net;
using System.Text;
using MLSeg.Charts.Data;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using static MLSeg.Charts.Plots.PlotlyAttributes;
using Chart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Charts.Plots;

/// <summary>Paired comparison of every source against a baseline source, at each n where both were run.</summary>
public static class PairedComparison
{
    /// <summary>
    /// Pairs are matched on (n, fold, seed, case); a case's labels are averaged when <paramref name="label"/> is null.
    /// Throws when <paramref name="baseline"/> has no rows.
    /// </summary>
    public static IReadOnlyList<PairedComparisonRow> Compute(IEnumerable<ResultRow> rows, Metric metric, int? label, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrEmpty(baseline);
        var values = rows.Where(r => label is null || r.Label == label)
            .GroupBy(r => (r.Source, r.N, r.Fold, r.Seed, r.Case))
            .ToDictionary(g => g.Key, g => Stats.Mean(g.Select(r => MetricInfo.Of(r, metric))));
        if (!values.Keys.Any(k => k.Source == baseline))
        {
            throw new ArgumentException($"Baseline source '{baseline}' has no result rows; sources present: {string.Join(", ", values.Keys.Select(k => k.Source).Distinct().Order(StringComparer.Ordinal))}.", nameof(baseline));
        }

        bool higher = MetricInfo.HigherIsBetter(metric);
        var result = new List<PairedComparisonRow>();
        foreach (var group in values.Where(kv => kv.Key.Source != baseline).GroupBy(kv => (kv.Key.Source, kv.Key.N)).OrderBy(g => g.Key.N).ThenBy(g => g.Key.Source, StringComparer.Ordinal))
        {
            var diffs = new List<double>();
            int better = 0;
            foreach (var (key, candidate) in group)
            {
                if (values.TryGetValue((baseline, key.N, key.Fold, key.Seed, key.Case), out double reference) && double.IsFinite(reference) && double.IsFinite(candidate))
                {
                    double d = candidate - reference;
                    diffs.Add(d);
                    better += (higher ? d > 0 : d < 0) ? 1 : 0;
                }
            }

            if (diffs.Count == 0)
            {
                continue;
            }

            double mean = Stats.Mean(diffs);
            double half = Stats.Ci95HalfWidth(diffs);
            result.Add(new PairedComparisonRow(group.Key.N, baseline, group.Key.Source, diffs.Count, mean, mean - half, mean + half, better));
        }

        return result;
    }

    /// <summary>
    /// The comparison as a chart: per candidate source, the mean paired difference (candidate − baseline) at each n with its
    /// 95% CI as error bars, on a log n axis, and a line at zero (no difference). Rows whose CI is undefined (one pair) get no bar.
    /// </summary>
    public static GenericChart Create(IReadOnlyList<PairedComparisonRow> rows, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("No paired comparison rows to plot (no candidate shares (n, fold, seed, case) with the baseline).", nameof(rows));
        }

        var colors = Palette.ForKeys(rows.Select(r => r.Candidate));
        string unit = metric == Metric.Dice ? "" : " (mm)";
        var parts = new List<GenericChart>();
        foreach (var candidate in rows.GroupBy(r => r.Candidate, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rs = candidate.OrderBy(r => r.N).ToList();
            string color = colors[candidate.Key];
            string name = PlotText.Escape(candidate.Key);
            var part = Chart.Line<double, double, string>(rs.Select(r => (double)r.N), rs.Select(r => r.MeanDifference), ShowMarkers: true, Name: name,
                MultiText: rs.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.CandidateBetter}/{r.Pairs} pairs better")).ToArray(), UseDefaults: false);
            Set(Traces(part)[0],
                ("line", Make<Line>(("color", color), ("width", 2))),
                ("marker", Make<Marker>(("color", color), ("size", 7))),
                ("error_y", Make<Error>(("type", "data"), ("symmetric", false), ("color", color), ("thickness", 1.5), ("width", 5),
                    ("array", Numbers(rs.Select(r => r.Ci95High - r.MeanDifference))), ("arrayminus", Numbers(rs.Select(r => r.MeanDifference - r.Ci95Low))))),
                ("hovertemplate", $"{name} − {PlotText.Escape(rs[0].Baseline)}<br>n=%{{x}}<br>mean Δ=%{{y:.4f}}<br>%{{text}}<extra></extra>"));
            parts.Add(InGroup(part, candidate.Key));
        }

        string title = $"Paired difference against {PlotText.Escape(rows[0].Baseline)}: {MetricInfo.ShortName(metric)}";
        var chart = ChartStyle.Apply(Chart.Combine(parts), title);
        double[] ticks = [.. rows.Select(r => (double)r.N).Distinct().Order()];
        var xAxis = ChartStyle.Axis("Training cases (n)", "log");
        Set(xAxis, ("tickvals", ticks), ("ticktext", ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray()));
        ChartStyle.WithX(chart, xAxis);
        ChartStyle.WithY(chart, ChartStyle.Axis($"Mean Δ {MetricInfo.ShortName(metric)}{unit} (candidate − baseline)"));
        Set(LayoutOf(chart), ("shapes", new[]
        {
            Make<Shape>(("type", "line"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", 0), ("y1", 0), ("layer", "below"),
                ("line", Make<Line>(("color", "#333333"), ("width", 1)))),
        }));
        return chart;
    }

    /// <summary>An HTML &lt;table&gt; of the comparison (every data string HTML-encoded), sortable by the report's inline script.</summary>
    public static string ToHtmlTable(IReadOnlyList<PairedComparisonRow> rows, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        string unit = metric == Metric.Dice ? "" : " (mm)";
        var sb = new StringBuilder();
        sb.Append("<table class=\"sortable\">\n<thead><tr><th>n</th><th>Baseline</th><th>Candidate</th><th>Pairs</th>")
          .Append(CultureInfo.InvariantCulture, $"<th>Mean Δ {MetricInfo.ShortName(metric)}{unit}</th><th>95% CI</th><th>Candidate better</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr><td>").Append(r.N.ToString(inv)).Append("</td><td>").Append(WebUtility.HtmlEncode(r.Baseline))
              .Append("</td><td>").Append(WebUtility.HtmlEncode(r.Candidate)).Append("</td><td>").Append(r.Pairs.ToString(inv))
              .Append("</td><td>").Append(Format(r.MeanDifference)).Append("</td><td>")
              .Append(double.IsFinite(r.Ci95Low) ? $"[{Format(r.Ci95Low)}, {Format(r.Ci95High)}]" : "n/a")
              .Append("</td><td>").Append(string.Create(inv, $"{r.CandidateBetter}/{r.Pairs}")).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        return sb.ToString();
    }

    private static string Format(double v) => v.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
