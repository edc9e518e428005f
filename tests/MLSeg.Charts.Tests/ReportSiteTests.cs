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
}
