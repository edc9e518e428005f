using MLSeg.Charts.Data;
using MLSeg.Charts.Report;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

public sealed class ReportSiteTests : IDisposable
{
    private readonly string run = RepoPaths.NewTempDir("mlseg-report");

    public ReportSiteTests() => SyntheticRun.Write(run);

    public void Dispose() => Directory.Delete(run, true);

    [Fact]
    public void Write_Default_NoIdentifierOrPhiInAnyReportFile()
    {
        ReportSite.Write(run);

        string[] files = Directory.GetFiles(Path.Combine(run, "report"), "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("index.html", StringComparison.Ordinal));
        foreach (string file in files.Where(f => !f.EndsWith(".js", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            foreach (string id in SyntheticRun.CaseIds)
            {
                Assert.DoesNotContain(id, text, StringComparison.Ordinal);
                Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(id), text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("19700101", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Doe", text, StringComparison.Ordinal);
        }

        string arm = File.ReadAllText(Path.Combine(run, "report", ReportSite.ArmPage("none__n4__fold0__seed1__abcd1234")));
        Assert.Matches("case-[0-9a-f]{6}", arm);
    }

    [Fact]
    public void Write_ShowIds_HostileCaseIdIsEscaped()
    {
        ReportSite.Write(run, new ReportOptions { ShowIds = true });

        string arm = File.ReadAllText(Path.Combine(run, "report", ReportSite.ArmPage("imagenet__n8__fold1__seed1__abcd1234")));
        Assert.DoesNotContain("<script>alert(1)</script>", arm, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", arm, StringComparison.Ordinal);
        Assert.Contains("PAT-000123", arm, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwiceSameRun_PseudonymsStableAndPlotlyCopiedOnce()
    {
        string page = Path.Combine(run, "report", ReportSite.ArmPage("none__n8__fold0__seed1__abcd1234"));
        ReportSite.Write(run);
        string first = File.ReadAllText(page);
        ReportSite.Write(run);

        Assert.Equal(first, File.ReadAllText(page));
        Assert.Single(Directory.GetFiles(Path.Combine(run, "report"), "*.js", SearchOption.AllDirectories));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", File.ReadAllText(Path.Combine(run, "report", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MissingSpec_NamesFile()
    {
        File.Delete(Path.Combine(run, "experiment.resolved.yaml"));

        var ex = Assert.Throws<ReportDataException>(() => ReportSite.Write(run));
        Assert.Contains("experiment.resolved.yaml", ex.Message, StringComparison.Ordinal);
    }

    [ToolFact("/usr/bin/chromium")]
    public void Write_OpenedInHeadlessChromium_RendersPlotlySvgs()
    {
        string index = ReportSite.Write(run, new ReportOptions { HumanBands = new Dictionary<Metric, HumanBand> { [Metric.Dice] = new(0.88, 0.93) } });

        string dom = ChromiumExport.DumpDom(index);
        int svgs = dom.Split("class=\"main-svg\"").Length - 1;
        Assert.True(svgs >= 4, $"expected plotly SVGs for every chart, found {svgs} main-svg elements");
        Assert.Contains("reaches human range", dom, StringComparison.Ordinal);

        ChromiumExport.Screenshot(index, Path.Combine(Path.GetTempPath(), "report.png"), 1400, 1800);
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
        string[] current = ["none__n4__fold0__seed1__abcd1234", "none__n4__fold1__seed1__abcd1234"];
        File.WriteAllText(Path.Combine(run, "plan.json"), "[" + string.Join(",", current.Select(f => $"{{\"folder\":\"{f}\"}}")) + "]");

        string index = File.ReadAllText(ReportSite.Write(run));

        Assert.Contains("of 2.", index, StringComparison.Ordinal);
        Assert.Contains("10 arm folder(s) under arms/ belong to an earlier spec", index, StringComparison.Ordinal);
        Assert.Contains("imagenet__n16__fold1__seed1__abcd1234", index, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "report", ReportSite.ArmPage("imagenet__n16__fold1__seed1__abcd1234"))));
        Assert.True(File.Exists(Path.Combine(run, "report", ReportSite.ArmPage(current[1]))));
    }
}
