using System.Globalization;
using System.Net;
using System.Text;
using MLSeg.Charts.Data;

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
