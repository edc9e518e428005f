using MLSeg.Core.IO;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MLSeg.Charts.Data;
using MLSeg.Charts.Html;
using MLSeg.Charts.Plots;
using static MLSeg.Charts.Report.HtmlPage;

namespace MLSeg.Charts.Report;

/// <summary>Per-strategy and per-arm pages.</summary>
public static partial class ReportSite
{
    private static string StrategyHtml(RunFolder run, string source, ReportOptions options)
    {
        var rows = run.Results.Where(r => r.Source == source).ToList();
        var body = new StringBuilder();
        var charts = new StringBuilder("<div class=\"grid\">\n");
        int fig = 0;
        foreach (int label in rows.Select(r => r.Label).Distinct().Order())
        {
            charts.Append(ChartOrNote(rows, Metric.Dice, label, $"dist-{fig++}", () => ResultCharts.Distributions(rows, Metric.Dice, label, DistributionKind.Box), null))
                  .Append(ChartOrNote(rows, Metric.Dice, label, $"folds-{fig++}", () => ResultCharts.FoldCurves(rows, Metric.Dice, label), null));
            foreach (Metric metric in options.Metrics.Where(m => m != Metric.Dice))
            {
                charts.Append(ChartOrNote(rows, metric, label, $"dist-{fig++}", () => ResultCharts.Distributions(rows, metric, label, DistributionKind.Violin), null));
            }
        }

        body.Append(Section("metrics", "Per-case distributions and fold-by-fold curves", charts.Append("</div>\n").ToString()));
        var arms = run.Arms.Where(a => ParseArm(a.Id)?.Source == source).ToList();
        body.Append(Section("arms", "Arms of this source task", arms.Count == 0
            ? "<p class=\"note\">No arm folders match this source task.</p>\n"
            : Table(["Arm", "Status", "Wall time"], arms.Select(a => (IEnumerable<string>)[
                $"<td class=\"t\"><a href=\"{ArmPage(a.Id)}\">{H(a.Id)}</a></td>", $"<span class=\"{StatusClass(a.Status)}\">{H(a.Status)}</span>", H(RunFolder.FormatDuration(a.WallSeconds))]))));
        return Build($"Source task: {source}", $"{rows.Select(r => r.N).Distinct().Count()} training sizes · {arms.Count} arms", body.ToString(), withPlotly: true);
    }

    private static string ArmHtml(RunFolder run, ArmRecord arm, Func<string, string> caseName, string reportDir)
    {
        var inv = CultureInfo.InvariantCulture;
        var body = new StringBuilder();
        var key = ParseArm(arm.Id);
        var info = new StringBuilder($"<p>Status: <span class=\"{StatusClass(arm.Status)}\">{H(arm.Status)}</span>. Wall time {H(RunFolder.FormatDuration(arm.WallSeconds))}.</p>\n");
        if (arm.Versions.Count > 0)
        {
            info.Append(Table(["Component", "Version"], arm.Versions.Select(kv => (IEnumerable<string>)[H(kv.Key), H(kv.Value)])));
        }

        body.Append(Section("arm", "Arm", info.ToString()));
        var rows = key is { } k ? run.Results.Where(r => r.Source == k.Source && r.N == k.N && r.Fold == k.Fold && r.Seed == k.Seed).ToList() : [];
        string fmt(double v, string f) => double.IsFinite(v) ? v.ToString(f, inv) : "n/a";
        body.Append(Section("metrics", "Held-out metrics per case", rows.Count == 0
            ? $"<p class=\"note\">results.csv has no rows for this arm{(key is null ? " (its folder name does not follow source__nN__foldK__seedS__hash)" : "")}.</p>\n"
            : Table(["Case", "Label", "Dice", "HD95 (mm)", "ASSD (mm)", "RMS-DTA (mm)"], rows.OrderBy(r => caseName(r.Case), StringComparer.Ordinal).ThenBy(r => r.Label).Select(r => (IEnumerable<string>)[
                $"<td class=\"t\">{H(caseName(r.Case))}</td>", r.Label.ToString(inv), fmt(r.Dice, "0.000"), fmt(r.Hd95, "0.00"), fmt(r.Assd, "0.00"), fmt(r.RmsDta, "0.00")]))));
        if (arm.TrainLogPath is not null)
        {
            var log = TrainLogCsv.Read(arm.TrainLogPath);
            string note = log.Count > 0 && !log.Any(r => double.IsFinite(r.ValDice)) ? $"<p class=\"note\">{H(TrainingCurves.NoValidationNote)}.</p>\n" : "";
            body.Append(Section("training", "Training curve", log.Count == 0
                ? "<div class=\"empty\"><p><b>Training curve: no data to plot.</b> train_log.csv has a header but no epochs.</p></div>\n"
                : ChartHtml.Div(TrainingCurves.Create(new Dictionary<string, IReadOnlyList<TrainLogRow>> { [arm.Id] = log }), "training-curves") + note));
        }

        if (arm.OverlayPngs.Count > 0)
        {
            var gallery = new StringBuilder("<p class=\"note\">Reference contour green, prediction in the source colour.</p>\n");
            string slug = Slug(arm.Id);
            for (int i = 0; i < arm.OverlayPngs.Count; i++)
            {
                string rel = $"overlays/{slug}/overlay-{i + 1:000}.png";
                AtomicFile.Copy(arm.OverlayPngs[i], Path.Combine(reportDir, rel));
                string caption = Path.GetFileNameWithoutExtension(arm.OverlayPngs[i]); // the rank (1-best …), never a case id
                gallery.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{rel}\" alt=\"overlay {H(caption)}\"><figcaption>{H(caption)}</figcaption></figure>\n");
            }

            body.Append(Section("overlays", "Overlays", gallery.ToString()));
        }

        return Build($"Arm: {arm.Id}", key is { } a ? $"source {a.Source} · n = {a.N} · fold {a.Fold} · seed {a.Seed}" : "arm folder", body.ToString(), withPlotly: arm.TrainLogPath is not null);
    }

    /// <summary>Reads (source, n, fold, seed) from an arm folder name <c>source__nN__foldK__seedS__hash8</c>; null when it does not follow that form.</summary>
    public static (string Source, int N, int Fold, int Seed)? ParseArm(string armId)
    {
        ArgumentNullException.ThrowIfNull(armId);
        Match m = ArmName().Match(armId);
        return m.Success
            ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^(.+)__n(\d+)__fold(\d+)__seed(\d+)__[0-9A-Za-z]+$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ArmName();
}
