using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MLSeg.Charts.Data;
using MLSeg.Charts.Report;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

public sealed partial class ReportSiteTests : IDisposable
{
    private readonly string run = RepoPaths.NewTempDir("mlseg-report");

    public void Dispose() => Directory.Delete(run, true);

    private string Page(string name) => File.ReadAllText(Path.Combine(run, "report", name));

    /// <summary>The figure JSON of chart <paramref name="divId"/> on a report page.</summary>
    private static JsonElement Figure(string html, string divId)
    {
        Match m = Regex.Match(html, $"<div id=\"{divId}\" class=\"mlseg-figure\"></div>\\n<script>\\(function\\(\\)\\{{var f=(.*?);Plotly\\.newPlot");
        Assert.True(m.Success, $"no chart {divId} on the page");
        return JsonDocument.Parse(m.Groups[1].Value).RootElement;
    }

    [Fact]
    public void Write_Default_NoIdentifierOrPhiInAnyReportFile()
    {
        SyntheticRun.Write(run);
        ReportSite.Write(run);

        string[] files = Directory.GetFiles(Path.Combine(run, "report"), "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("index.html", StringComparison.Ordinal));
        foreach (string file in files.Where(f => !f.EndsWith(".js", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            foreach (string id in SyntheticRun.CaseIds)
            {
                Assert.DoesNotContain(id, text, StringComparison.Ordinal);
                Assert.DoesNotContain(WebUtility.HtmlEncode(id), text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Doe", text, StringComparison.Ordinal);
        }

        Assert.Matches("case-[0-9a-f]{6}", Page(ReportSite.ArmPage("none__n4__fold0__seed1__abcd1234")));
    }

    [Fact]
    public void Write_HostileStrings_NeverRawInAnyPage()
    {
        SyntheticRun.Write(run);
        ReportSite.Write(run, new ReportOptions { ShowIds = true });

        string[] hostile = [.. SyntheticRun.CaseIds.Where(i => i.Contains('<', StringComparison.Ordinal)), SyntheticRun.HostileSource, SyntheticRun.ScriptSource, "</script><img"];
        string[] pages = Directory.GetFiles(Path.Combine(run, "report"), "*.html");
        Assert.True(pages.Length >= 10, $"expected index, 4 strategy pages and the arm pages; got {pages.Length}");
        foreach (string page in pages)
        {
            string text = File.ReadAllText(page);
            foreach (string h in hostile)
            {
                Assert.DoesNotContain(h, text, StringComparison.Ordinal);
            }

            // Every <script> element holds only our code: one per chart plus the table sorter, none injected.
            Assert.DoesNotContain("alert(1)</script>", text, StringComparison.Ordinal);
        }

        string arm = Page(ReportSite.ArmPage("imagenet__n8__fold1__seed1__abcd1234".Replace("imagenet", SyntheticRun.HostileSource, StringComparison.Ordinal)));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", arm, StringComparison.Ordinal);
        Assert.Contains("PAT-000123", arm, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("</script><img src=x onerror="), Page("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwiceSameRun_PseudonymsStableAndPlotlyCopiedOnce()
    {
        SyntheticRun.Write(run);
        string page = Path.Combine(run, "report", ReportSite.ArmPage("none__n8__fold0__seed1__abcd1234"));
        ReportSite.Write(run);
        string first = File.ReadAllText(page);
        ReportSite.Write(run);

        Assert.Equal(first, File.ReadAllText(page));
        string js = Assert.Single(Directory.GetFiles(Path.Combine(run, "report"), "*.js", SearchOption.AllDirectories));
        Assert.StartsWith("/**\n* plotly.js v4.1.2", File.ReadAllText(js), StringComparison.Ordinal);
        string index = Page("index.html");
        Assert.Contains("<script src=\"plotly.min.js\"></script>", index, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MissingSpec_NamesFile()
    {
        SyntheticRun.Write(run);
        File.Delete(Path.Combine(run, "experiment.resolved.yaml"));

        var ex = Assert.Throws<ReportDataException>(() => ReportSite.Write(run));
        Assert.Contains("experiment.resolved.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Title_IsTheExperimentNameNotTheFolderName()
    {
        SyntheticRun.Write(run);
        ReportSite.Write(run);

        string index = Page("index.html");
        Assert.Contains("<title>MLSeg report: tiny-experiment</title>", index, StringComparison.Ordinal);
        Assert.Contains("<h1>MLSeg report: tiny-experiment</h1>", index, StringComparison.Ordinal);
        Assert.DoesNotContain($"<title>MLSeg report: {Path.GetFileName(run)}", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OneObserver_SaysWhyThereIsNoHumanBand()
    {
        SyntheticRun.Write(run);
        ReportSite.Write(run);

        string index = Page("index.html");
        Assert.Contains("No human band or stars on this chart: no case in the cohort has masks from two or more observers", index, StringComparison.Ordinal);
        Assert.DoesNotContain("Stars mark the smallest n", index, StringComparison.Ordinal);
        Assert.False(Figure(index, "curve-0").GetProperty("layout").TryGetProperty("shapes", out _));
    }

    [Fact]
    public void Write_HumanBandJson_DrawsBandAndStarsOnItsLabelAndNamesThem()
    {
        SyntheticRun.Write(run);
        File.WriteAllText(Path.Combine(run, "human_band.json"), """{"metric":"dice","label":1,"lower":0.88,"upper":0.93,"cases":3}""");
        ReportSite.Write(run);

        string index = Page("index.html");
        var fig = Figure(index, "curve-0");
        var rect = Assert.Single(fig.GetProperty("layout").GetProperty("shapes").EnumerateArray());
        Assert.Equal(0.88, rect.GetProperty("y0").GetDouble());
        Assert.Contains(fig.GetProperty("data").EnumerateArray(), t => t.GetProperty("name").GetString() == $"{SyntheticRun.LongSource}: reaches human range at n=16");
        Assert.Contains("Grey band: human inter-observer range 0.88–0.93, measured on 3 case(s) with two or more observers", index, StringComparison.Ordinal);
        Assert.Contains("Stars: ", index, StringComparison.Ordinal);

        // The band is for Dice only: the HD95 chart of the same label says so.
        Assert.Contains("No human band or stars on this chart: human_band.json holds a band for Dice of label 1 only.", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AllPredictionsEmpty_DistancePanelsSayNoDataInsteadOfBlank()
    {
        SyntheticRun.Write(run, hd95: (_, _, _) => double.NaN);
        ReportSite.Write(run);

        string index = Page("index.html");
        Assert.Contains("<div class=\"empty\" id=\"curve-1\"><p><b>HD95 (label 1): no data to plot.</b> All 96 case values are undefined (surface distances are undefined when the prediction or the reference mask is empty).</p></div>", index, StringComparison.Ordinal);
        Assert.DoesNotContain("<div id=\"curve-1\" class=\"mlseg-figure\">", index, StringComparison.Ordinal);
        Assert.Contains("<div id=\"curve-0\" class=\"mlseg-figure\">", index, StringComparison.Ordinal);
        Assert.Contains("HD95 (label 1): no data to plot.", Page(ReportSite.StrategyPage("none")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SomeValuesUndefined_ChartNotesHowManyWereLeftOut()
    {
        SyntheticRun.Write(run, hd95: (source, n, dice) => n == 4 ? double.NaN : 20 * (1 - dice));
        ReportSite.Write(run);

        Assert.Contains("32 of 96 case values of HD95 (label 1) are undefined", Page("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ArmWithoutValidation_PanelSaysWhyAndLegendHasNoMissingSeries()
    {
        SyntheticRun.Write(run, valDice: false);
        ReportSite.Write(run);

        string arm = Page(ReportSite.ArmPage("none__n8__fold0__seed1__abcd1234"));
        var fig = Figure(arm, "training-curves");
        Assert.Equal(["none__n8__fold0__seed1__abcd1234 train loss"], fig.GetProperty("data").EnumerateArray()
            .Where(t => !t.TryGetProperty("showlegend", out var s) || s.GetBoolean()).Select(t => t.GetProperty("name").GetString()));
        Assert.StartsWith("No validation Dice", fig.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">No validation Dice: train_log.csv has no val_dice values", arm, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ArmWithValidation_ValidationDicePanelHasData()
    {
        SyntheticRun.Write(run);
        ReportSite.Write(run);

        var fig = Figure(Page(ReportSite.ArmPage("none__n8__fold0__seed1__abcd1234")), "training-curves");
        var dice = Assert.Single(fig.GetProperty("data").EnumerateArray(), t => t.GetProperty("name").GetString()!.EndsWith("val Dice", StringComparison.Ordinal));
        Assert.Equal(10, dice.GetProperty("y").GetArrayLength());
        Assert.False(fig.GetProperty("layout").TryGetProperty("annotations", out _));
    }

    [Fact]
    public void Write_CaseIdsThatLookLikeSpecValues_OnlyTheCaseColumnIsPseudonymised()
    {
        // Images named 1…3 (as a DICOM export may name them): their ids equal spec values and version numbers.
        string dir = RepoPaths.NewTempDir("mlseg-report-numeric");
        try
        {
            const string spec = "name: numeric\ncohort:\n  synth:\n    kind: l3-ct\n    patients: 24\nmodel:\n  depth: 2\n  classes: 2\nsizes: [2, 3]\nfolds:\n  k: 2\nfinetune:\n  batch: 2\n";
            File.WriteAllText(Path.Combine(dir, "experiment.resolved.yaml"), spec);
            var csv = new System.Text.StringBuilder("source,n,fold,seed,case,label,dice,hd95,assd,rmsDta\n");
            foreach (int n in new[] { 2, 3 })
            {
                string arm = Path.Combine(dir, "arms", $"none__n{n}__fold0__seed1__abcd1234");
                Directory.CreateDirectory(arm);
                File.WriteAllText(Path.Combine(arm, "manifest.json"), """{"status":"done","wallSeconds":1.5,"versions":{"cpuThreads":"2"}}""");
                foreach (string id in new[] { "1", "2", "3" })
                {
                    csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"none,{n},0,1,{id},1,0.8,1,0.5,0.6\n");
                }
            }

            File.WriteAllText(Path.Combine(dir, "results.csv"), csv.ToString());
            string index = File.ReadAllText(ReportSite.Write(dir));

            Assert.Contains(System.Net.WebUtility.HtmlEncode(spec), index, StringComparison.Ordinal);
            Assert.DoesNotContain("[redacted]", index, StringComparison.Ordinal);
            Assert.DoesNotContain("case-", index, StringComparison.Ordinal); // nothing in the index is a case field
            Assert.Contains("<td>2</td>", index, StringComparison.Ordinal); // versions: cpuThreads as written
            string armPage = File.ReadAllText(Path.Combine(dir, "report", ReportSite.ArmPage("none__n2__fold0__seed1__abcd1234")));
            var cells = System.Text.RegularExpressions.Regex.Matches(armPage, "<td class=\"t\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, cells.Count);
            Assert.All(cells, c => Assert.Matches("^case-[0-9a-f]{6,}$", c));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Write_PlanFileListsSomeArms_ShowsOnlyThoseAndNamesTheStaleOnes()
    {
        // plan.json (written by the runner) lists the current spec's arms; the other folders are an earlier spec's.
        SyntheticRun.Write(run);
        string[] current = ["none__n4__fold0__seed1__abcd1234", "none__n4__fold1__seed1__abcd1234"];
        File.WriteAllText(Path.Combine(run, "plan.json"), "[" + string.Join(",", current.Select(f => $"{{\"folder\":\"{f}\"}}")) + "]");

        string index = File.ReadAllText(ReportSite.Write(run));

        Assert.Contains("of 2.", index, StringComparison.Ordinal);
        string[] stale = [.. Directory.GetDirectories(Path.Combine(run, "arms")).Select(d => Path.GetFileName(d)!).Except(current).Order(StringComparer.Ordinal)];
        Assert.True(stale.Length > 0);
        Assert.Contains($"{stale.Length} arm folder(s) under arms/ belong to an earlier spec", index, StringComparison.Ordinal);
        string staleArm = stale.First(f => f.StartsWith("none__n16", StringComparison.Ordinal));
        Assert.Contains(staleArm, index, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "report", ReportSite.ArmPage(staleArm))));
        Assert.True(File.Exists(Path.Combine(run, "report", ReportSite.ArmPage(current[1]))));
    }
}
