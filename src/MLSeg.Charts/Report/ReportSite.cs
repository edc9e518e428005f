using MLSeg.Core.IO;
using System.Globalization;
using System.Text;
using MLSeg.Charts.Data;
using MLSeg.Charts.Html;
using MLSeg.Charts.Plots;
using static MLSeg.Charts.Report.HtmlPage;

namespace MLSeg.Charts.Report;

/// <summary>
/// Writes RUN_DIR/report/: index.html (summary, learning curves, results, arms, downloads), one page per source task
/// (strategy-*.html) and per arm (arm-*.html), and one shared copy of plotly.min.js. Pages open from file:// with no network.
/// Case identifiers are pseudonymised unless <see cref="ReportOptions.ShowIds"/>; every data string is HTML-escaped.
/// </summary>
public static partial class ReportSite
{
    /// <summary>Writes the report and returns the path of index.html.</summary>
    public static string Write(string runDirectory, ReportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        options ??= new ReportOptions();
        string plotly = options.PlotlyScriptPath ?? PlotlyJs.Locate();
        var run = RunFolder.Read(runDirectory);
        var ids = new Pseudonymizer(Pseudonymizer.LoadOrCreateSalt(run.Root), run.Results.Select(r => r.Case));
        Func<string, string> caseName = options.ShowIds ? id => id : ids.Of;

        string reportDir = Path.Combine(run.Root, "report");
        Directory.CreateDirectory(reportDir);
        AtomicFile.Copy(plotly, Path.Combine(reportDir, PlotlyJs.FileName));

        var sources = run.Results.Select(r => r.Source).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (string source in sources)
        {
            AtomicFile.WriteAllText(Path.Combine(reportDir, StrategyPage(source)), StrategyHtml(run, source, options));
        }

        foreach (var arm in run.Arms)
        {
            AtomicFile.WriteAllText(Path.Combine(reportDir, ArmPage(arm.Id)), ArmHtml(run, arm, caseName, reportDir));
        }

        string index = Path.Combine(reportDir, "index.html");
        AtomicFile.WriteAllText(index, IndexHtml(run, sources, options));
        return index;
    }

    /// <summary>File name of a source task's page: a readable slug plus a short hash so distinct names never collide.</summary>
    public static string StrategyPage(string source) => $"strategy-{Slug(source)}.html";

    /// <summary>File name of an arm's page.</summary>
    public static string ArmPage(string armId) => $"arm-{Slug(armId)}.html";

    private static string IndexHtml(RunFolder run, List<string> sources, ReportOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var body = new StringBuilder();
        int done = run.Arms.Count(a => a.Status == "done"), failed = run.Arms.Count(a => a.Status == "failed");
        double wall = run.Arms.Where(a => double.IsFinite(a.WallSeconds)).Sum(a => a.WallSeconds);
        var labels = run.Results.Select(r => r.Label).Distinct().Order().ToList();
        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture, $"<p>{sources.Count} source task(s): {string.Join(", ", sources.Select(s => $"<a href=\"{StrategyPage(s)}\">{H(s)}</a>"))}. ")
            .Append(CultureInfo.InvariantCulture, $"Training sizes n = {string.Join(", ", run.Results.Select(r => r.N).Distinct().Order())}; labels {string.Join(", ", labels)}. ")
            .Append(CultureInfo.InvariantCulture, $"Arms: <span class=\"done\">{done} done</span>, <span class=\"failed\">{failed} failed</span>, {run.Arms.Count - done - failed} incomplete, of {run.Arms.Count}. ")
            .Append(CultureInfo.InvariantCulture, $"Total arm wall time {H(RunFolder.FormatDuration(wall))}. {run.Results.Count} result rows.</p>\n");
        var versions = run.Arms.SelectMany(a => a.Versions).GroupBy(kv => kv.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (versions.Count > 0)
        {
            summary.Append("<h3>Versions (from arm manifests)</h3>\n")
                .Append(Table(["Component", "Version(s)"], versions.Select(g => (IEnumerable<string>)[H(g.Key), H(string.Join("; ", g.Select(kv => kv.Value).Distinct().Order(StringComparer.Ordinal)))])));
        }

        summary.Append("<h3>Resolved experiment spec</h3>\n<pre>").Append(H(run.SpecText)).Append("</pre>\n");
        body.Append(Section("summary", "Experiment summary", summary.ToString()));

        var curves = new StringBuilder("<p class=\"note\">Mean over folds and seeds of each fold's per-case mean; shaded band: " +
            (options.Band == BandKind.Ci95 ? "95% confidence interval of the mean" : options.Band == BandKind.StandardDeviation ? "± 1 SD across folds" : "none") +
            ". Where a human inter-observer range is known it is drawn as a grey band, and a star marks the smallest n whose mean reaches it; each chart says whether it has one.</p>\n<div class=\"grid\">\n");
        int fig = 0;
        foreach (int label in labels)
        {
            foreach (Metric metric in options.Metrics)
            {
                var (band, bandNote) = HumanBandFor(run, options, metric, label);
                curves.Append(ChartOrNote(run.Results, metric, label, $"curve-{fig++}", () => LearningCurves.Create(run.Results, new LearningCurveOptions
                {
                    Metric = metric, Label = label, Band = options.Band, HumanBand = band,
                }), band is null ? bandNote : bandNote + ReachNote(run.Results, metric, label, band)));
            }

            curves.Append(ChartOrNote(run.Results, Metric.Dice, label, $"heat-{fig++}", () => ResultCharts.StrategyHeatmap(run.Results, Metric.Dice, label), null));
        }

        body.Append(Section("curves", "Learning curves", curves.Append("</div>\n").ToString()));
        body.Append(Section("results", "Results by source task and training size", ResultsTable(run.Results) + PairedSection(run, sources, options, labels)));
        body.Append(Section("arms", "Arms", ArmsTable(run)));
        body.Append(Section("downloads", "Downloads", Downloads(run)));
        string folder = Path.GetFileName(run.Root);
        string title = run.ExperimentName ?? folder;
        string origin = run.ExperimentName is null ? $"run folder {folder} (the resolved spec has no name)" : $"run folder {folder}";
        return Build($"MLSeg report: {title}", $"{origin} · {run.Arms.Count} arms · {sources.Count} source tasks · case identifiers {(options.ShowIds ? "shown" : "pseudonymised")}", body.ToString(), withPlotly: true);
    }

    private static string ResultsTable(IReadOnlyList<ResultRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var groups = rows.GroupBy(r => (r.Source, r.N, r.Label)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.N).ThenBy(g => g.Key.Label);
        return Table(["Source", "n", "Label", "Folds×seeds", "Cases", "Dice", "HD95 (mm)", "ASSD (mm)", "RMS-DTA (mm)"], groups.Select(g =>
        {
            var reps = g.GroupBy(r => (r.Fold, r.Seed)).ToList();
            string cell(Metric m)
            {
                double[] means = [.. reps.Select(rep => Stats.Mean(rep.Select(r => MetricInfo.Of(r, m))))];
                double mean = Stats.Mean(means), sd = Stats.StandardDeviation(means);
                string fmt = m == Metric.Dice ? "0.000" : "0.00";
                string text = double.IsFinite(mean) ? mean.ToString(fmt, inv) + (double.IsFinite(sd) ? " ± " + sd.ToString(fmt, inv) : "") : "n/a";
                return $"<td data-v=\"{(double.IsFinite(mean) ? mean.ToString("R", inv) : "")}\">{text}</td>";
            }

            return (IEnumerable<string>)[$"<td class=\"t\"><a href=\"{StrategyPage(g.Key.Source)}\">{H(g.Key.Source)}</a></td>", g.Key.N.ToString(inv), g.Key.Label.ToString(inv),
                reps.Count.ToString(inv), g.Select(r => r.Case).Distinct().Count().ToString(inv), cell(Metric.Dice), cell(Metric.Hd95), cell(Metric.Assd), cell(Metric.RmsDta)];
        }));
    }

    private static string PairedSection(RunFolder run, List<string> sources, ReportOptions options, List<int> labels)
    {
        string? baseline = options.Baseline ?? (sources.Contains("none", StringComparer.Ordinal) ? "none" : null);
        if (baseline is null)
        {
            return "<h3>Paired comparison</h3>\n<p class=\"note\">No baseline: set ReportOptions.Baseline (no source is named 'none').</p>\n";
        }

        var sb = new StringBuilder();
        foreach (int label in labels)
        {
            var rows = PairedComparison.Compute(run.Results, Metric.Dice, label, baseline);
            sb.Append(CultureInfo.InvariantCulture, $"<h3>Paired comparison against {H(baseline)} (Dice, label {label})</h3>\n");
            if (rows.Count == 0)
            {
                sb.Append("<p class=\"note\">No pairs: no other source task has a finite Dice on a (n, fold, seed, case) that the baseline also has.</p>\n");
                continue;
            }

            sb.Append("<div class=\"grid\"><div>").Append(ChartHtml.Div(PairedComparison.Create(rows, Metric.Dice), $"paired-{label}")).Append("</div><div>")
              .Append(PairedComparison.ToHtmlTable(rows, Metric.Dice)).Append("</div></div>\n");
        }

        return sb.ToString();
    }

    private static string ArmsTable(RunFolder run) => StaleNote(run) + (run.Arms.Count == 0
        ? "<p class=\"note\">No arms/ folder.</p>\n"
        : Table(["Arm", "Status", "Wall time", "Training log", "Overlays"], run.Arms.Select(a => (IEnumerable<string>)[
            $"<td class=\"t\"><a href=\"{ArmPage(a.Id)}\">{H(a.Id)}</a></td>", $"<span class=\"{StatusClass(a.Status)}\">{H(a.Status)}</span>",
            $"<td data-v=\"{(double.IsFinite(a.WallSeconds) ? a.WallSeconds.ToString("R", CultureInfo.InvariantCulture) : "")}\">{H(RunFolder.FormatDuration(a.WallSeconds))}</td>",
            a.TrainLogPath is null ? "no" : "yes", a.OverlayPngs.Count.ToString(CultureInfo.InvariantCulture)])));

    private static string StaleNote(RunFolder run) => run.StaleArms.Count == 0
        ? string.Empty
        : $"<p class=\"note\">{run.StaleArms.Count} arm folder(s) under arms/ belong to an earlier spec or cohort of this run folder and are not part of these results: {H(string.Join(", ", run.StaleArms))}.</p>\n";

    private static string Downloads(RunFolder run)
    {
        var sb = new StringBuilder("<p class=\"note\">Raw files live in the run folder and carry the real case identifiers; share them only where identifiers may go.</p>\n<ul>\n");
        sb.Append("<li><a href=\"../results.csv\">results.csv</a></li>\n<li><a href=\"../experiment.resolved.yaml\">experiment.resolved.yaml</a></li>\n");
        foreach (var arm in run.Arms.Where(a => a.SummaryPath is not null))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"../arms/{Uri.EscapeDataString(arm.Id)}/validation/summary.json\">{H(arm.Id)}/validation/summary.json</a></li>\n");
        }

        return sb.Append("</ul>\n").ToString();
    }

    /// <summary>
    /// The chart built by <paramref name="build"/> in a grid cell, with <paramref name="caption"/> under it and a note when
    /// some case values are undefined; when none is finite, a note saying so in place of an empty chart.
    /// </summary>
    internal static string ChartOrNote(IReadOnlyList<ResultRow> rows, Metric metric, int? label, string divId, Func<Plotly.NET.GenericChart> build, string? caption)
    {
        var selected = rows.Where(r => label is null || r.Label == label).ToList();
        int undefined = selected.Count(r => !double.IsFinite(MetricInfo.Of(r, metric)));
        string what = $"{MetricInfo.ShortName(metric)}{ResultCharts.LabelSuffix(label)}";
        if (undefined == selected.Count)
        {
            return $"<div class=\"empty\" id=\"{divId}\"><p><b>{H(what)}: no data to plot.</b> {(selected.Count == 0 ? "results.csv has no rows for it." : $"All {selected.Count} case values are undefined{UndefinedWhy(metric)}.")}</p></div>\n";
        }

        var sb = new StringBuilder("<div>").Append(ChartHtml.Div(build(), divId));
        if (undefined > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{undefined} of {selected.Count} case values of {H(what)} are undefined{UndefinedWhy(metric)} and left out.</p>\n");
        }

        if (caption is not null)
        {
            sb.Append("<p class=\"note\">").Append(caption).Append("</p>\n");
        }

        return sb.Append("</div>\n").ToString();
    }

    private static string UndefinedWhy(Metric metric) => metric == Metric.Dice
        ? " (no value was recorded)"
        : " (surface distances are undefined when the prediction or the reference mask is empty)";

    /// <summary>The band for (metric, label): <see cref="ReportOptions.HumanBands"/> first, then the run folder's human_band.json; and the caption that says which, or why there is none.</summary>
    private static (HumanBand? Band, string Note) HumanBandFor(RunFolder run, ReportOptions options, Metric metric, int label)
    {
        var inv = CultureInfo.InvariantCulture;
        if (options.HumanBands.TryGetValue(metric, out var given))
        {
            return (given, string.Create(inv, $"Grey band: human inter-observer range {given.Lower:0.###}–{given.Upper:0.###} (given in the report options)."));
        }

        if (run.HumanBand is { } file && file.Metric == metric && file.Label == label)
        {
            string cases = file.Cases > 0 ? string.Create(inv, $", measured on {file.Cases} case(s) with two or more observers") : "";
            return (file.Band, string.Create(inv, $"Grey band: human inter-observer range {file.Band.Lower:0.###}–{file.Band.Upper:0.###}{cases} ({RunFolder.HumanBandFile})."));
        }

        string why = run.HumanBand is { } other
            ? $"{RunFolder.HumanBandFile} holds a band for {MetricInfo.ShortName(other.Metric)} of label {other.Label.ToString(inv)} only"
            : $"no case in the cohort has masks from two or more observers, so the inter-observer range could not be measured ({RunFolder.HumanBandFile} is absent)";
        return (null, $"No human band or stars on this chart: {H(why)}.");
    }

    private static string ReachNote(IReadOnlyList<ResultRow> rows, Metric metric, int label, HumanBand band)
    {
        var points = LearningCurves.Aggregate(rows, metric, label);
        var reached = LearningCurves.SmallestNReaching(points, band, metric);
        return reached.Count == 0
            ? " No source task's mean reaches it at any n, so no star is drawn."
            : " Stars: " + string.Join("; ", reached.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{H(k.Key)} at n = {k.Value.ToString(CultureInfo.InvariantCulture)}")) + ".";
    }

    internal static string StatusClass(string status) => status is "done" or "failed" ? status : "incomplete";

    private static string Slug(string text)
    {
        string safe = new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        if (safe.Length > 60)
        {
            safe = safe[..60];
        }

        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];
        return $"{safe}-{hash}";
    }
}
