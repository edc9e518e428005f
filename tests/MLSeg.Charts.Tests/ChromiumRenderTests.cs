using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MLSeg.Charts.Data;
using MLSeg.Charts.Html;
using MLSeg.Charts.Overlays;
using MLSeg.Charts.Plots;
using MLSeg.Charts.Report;
using MLSeg.Core.Imaging;
using MLSeg.TestKit;

namespace MLSeg.Charts.Tests;

/// <summary>
/// Opens report pages in headless Debian Chromium (networking off, no proxy reachable: any request for a remote
/// plotly.js would fail) and checks in the DOM after scripts ran that plotly drew every chart, trace by trace.
/// </summary>
public sealed partial class ChromiumRenderTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly string run = RepoPaths.NewTempDir("mlseg-report-chromium");

    public void Dispose() => Directory.Delete(run, true);

    [ToolFact(Chromium)]
    public void DemoLikeReport_EveryChartOnEveryPageDrewAllItsTraces_AndNoInjectedScriptRan()
    {
        SyntheticRun.Write(run);
        File.WriteAllText(Path.Combine(run, "human_band.json"), """{"metric":"dice","label":1,"lower":0.88,"upper":0.93,"cases":3}""");
        string index = ReportSite.Write(run, new ReportOptions { ShowIds = true });
        string dir = Path.GetDirectoryName(index)!;
        string[] pages =
        [
            index,
            .. SyntheticRun.ArmSources.Append(SyntheticRun.ScriptSource).Select(s => Path.Combine(dir, ReportSite.StrategyPage(s))),
            Path.Combine(dir, ReportSite.ArmPage($"{SyntheticRun.HostileSource}__n8__fold1__seed1__abcd1234")),
        ];

        int charts = 0;
        foreach (string page in pages)
        {
            string html = File.ReadAllText(page);
            string dom = ChromiumExport.DumpDom(page);
            Assert.DoesNotMatch("<body[^>]*data-pwned", dom);
            var figures = FigureScript().Matches(html).Select(m => (Id: m.Groups[1].Value, Json: JsonDocument.Parse(m.Groups[2].Value).RootElement)).ToList();
            Assert.NotEmpty(figures);
            var starts = figures.Select(f => dom.IndexOf($"<div id=\"{f.Id}\" class=\"mlseg-figure js-plotly-plot\"", StringComparison.Ordinal)).ToList();
            for (int i = 0; i < figures.Count; i++)
            {
                Assert.True(starts[i] >= 0, $"{Path.GetFileName(page)}: plotly did not take over chart {figures[i].Id}");
                int end = i + 1 < figures.Count ? starts[i + 1] : dom.Length;
                string segment = dom[starts[i]..end];
                int expected = figures[i].Json.GetProperty("data").GetArrayLength();
                int drawn = DrawnTrace().Matches(segment).Count;
                Assert.True(drawn == expected, $"{Path.GetFileName(page)}: chart {figures[i].Id} has {expected} traces but plotly drew {drawn}");
                Assert.Contains("class=\"main-svg\"", segment, StringComparison.Ordinal);
                charts++;
            }
        }

        Assert.True(charts >= 5 + 12 + 1, $"index (4 charts + paired), strategy pages (3 per source) and the arm page; checked {charts}");
    }

    [ToolFact(Chromium)]
    public void ArmWithoutValidation_SecondPanelIsDrawnWithItsNote()
    {
        SyntheticRun.Write(run, valDice: false);
        string index = ReportSite.Write(run);

        string dom = ChromiumExport.DumpDom(Path.Combine(Path.GetDirectoryName(index)!, ReportSite.ArmPage("none__n8__fold0__seed1__abcd1234")));

        Assert.Contains("class=\"subplot x2y2\"", dom, StringComparison.Ordinal);
        Assert.Contains("No validation Dice:", dom, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(dom, "class=\"legendtext\""));
    }

    [ToolFact(Chromium)]
    public void StrategyHeatmap_LongSourceNames_TickLabelsInsideTheFigure()
    {
        // Regression: the y tick labels were cut at the figure's left edge ("oencoder" for "autoencoder").
        SyntheticRun.Write(run);
        string index = ReportSite.Write(run);
        var rows = ResultsCsv.Read(Path.Combine(run, "results.csv"));
        string page = Path.Combine(Path.GetDirectoryName(index)!, "heatmap-check.html");
        File.WriteAllText(page,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"plotly.min.js\"></script><style>.mlseg-figure{width:600px;height:460px}</style></head><body>" +
            ChartHtml.Div(ResultCharts.StrategyHeatmap(rows, Metric.Dice, 1), "heat") +
            "<script>setTimeout(function(){var svg=document.querySelector('#heat .main-svg').getBoundingClientRect();" +
            "var out=[];document.querySelectorAll('#heat .ytick text').forEach(function(t){var r=t.getBoundingClientRect();" +
            "out.push(t.textContent.length+':'+Math.round(r.left-svg.left));});document.body.setAttribute('data-ticks',out.join(' '));},1000);</script></body></html>");

        string dom = ChromiumExport.DumpDom(page);

        Match m = Regex.Match(dom, "data-ticks=\"([^\"]*)\"");
        Assert.True(m.Success, "the measuring script did not run");
        var ticks = m.Groups[1].Value.Split(' ').Select(t => t.Split(':')).Select(p => (Length: int.Parse(p[0], CultureInfo.InvariantCulture), Left: int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(4, ticks.Count);
        Assert.Contains(ticks, t => t.Length == SyntheticRun.LongSource.Length);
        Assert.All(ticks, t => Assert.True(t.Left >= 0, $"a y tick label starts {t.Left} px left of the figure"));
    }

    [ToolFact(Chromium)]
    public void ContourOverlayChart_DrawsTheImageAndTheContourLine()
    {
        var image = new Image2D(1, 16, 16, [.. Enumerable.Range(0, 256).Select(i => (float)(i % 16) * 10)]);
        var mask = new LabelMap(16, 16);
        for (int y = 4; y < 12; y++)
        {
            for (int x = 4; x < 12; x++)
            {
                mask[y, x] = 1;
            }
        }

        string page = Path.Combine(run, "contour.html");
        File.WriteAllText(page, ChartHtml.Standalone(ContourOverlay.Chart(image, 75, 150, [new OverlayLayer(mask, 0f, 0.85f, 0.25f) { Name = "reference" }]),
            "contour", PlotlyJs.ReadScript(), 500, 500));

        string dom = ChromiumExport.DumpDom(page);

        Assert.Contains("class=\"hm\"", dom, StringComparison.Ordinal);
        Match line = Regex.Match(dom, "<g class=\"contourlevel\"><path class=\"[^\"]*\" d=\"M[^\"]+\" style=\"[^\"]*stroke-width: 2px");
        Assert.True(line.Success, "no contour line of width 2 px was drawn");
    }

    [GeneratedRegex("<div id=\"([A-Za-z0-9_-]+)\" class=\"mlseg-figure\"></div>\\n<script>\\(function\\(\\)\\{var f=(.*?);Plotly\\.newPlot")]
    private static partial Regex FigureScript();

    // One group per drawn trace: scatter, box and violin traces are "trace <type>" groups, a heatmap an "hm" group.
    [GeneratedRegex("<g class=\"(?:trace (?:scatter|boxes|violins)|hm)[ \"]")]
    private static partial Regex DrawnTrace();
}
