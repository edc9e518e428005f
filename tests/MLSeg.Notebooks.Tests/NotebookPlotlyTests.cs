using MLSeg.TestKit;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace MLSeg.Notebooks.Tests;

/// <summary>Serialises the tests that set MLSEG_PLOTLY_JS with those that start kernels (which inherit it).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlotlyJsEnvironment
{
    /// <summary>The collection's name.</summary>
    public const string Name = "MLSEG_PLOTLY_JS";
}

public sealed class NotebookPlotlyTests
{
    private const string Hostile = "</script><img src=x onerror=\"document.title='pwned'\"><!--<script>";

    [Fact]
    public void ChartHtml_UserTextWithScriptEnd_StaysInsideTheJsonString()
    {
        GenericChart chart = Chart.Line<int, int, string>([1, 2, 3], [1, 4, 9], Name: Hostile);

        string html = NotebookPlotly.ChartHtml(chart);

        // The element's own closing tag is the only "</script" and nothing raw from the name reaches the HTML.
        Assert.Equal(1, CountOrdinal(html, "</script"));
        Assert.EndsWith("</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.Contains("\\u003c/script>\\u003cimg src=x", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ChartHtml_TwoCharts_GetDistinctDivIds()
    {
        string a = NotebookPlotly.ChartHtml(Chart.Point<int, int, string>([1], [1]));
        string b = NotebookPlotly.ChartHtml(Chart.Point<int, int, string>([1], [1]));

        Assert.NotEqual(a[..60], b[..60]);
    }

    [Fact]
    public void ScriptHtml_SourceWithScriptEnd_EscapesItForJavaScript()
    {
        string file = WriteTemp("var s = '</SCRIPT>'; var r = /<\\/script>/;");
        try
        {
            string html = NotebookPlotly.ScriptHtml(file);

            Assert.Equal("<script type=\"text/javascript\">\nvar s = '<\\/SCRIPT>'; var r = /<\\/script>/;\n</script>", html);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ScriptHtml_CommentOpenerFollowedByScript_ThrowsNamingTheFile()
    {
        string file = WriteTemp("var a = '<!--'; var b = '<script>';");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => NotebookPlotly.ScriptHtml(file));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
            Assert.Contains("<!--", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ScriptHtml_EmptyFile_ThrowsNamingTheFile()
    {
        string file = WriteTemp("  \n");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => NotebookPlotly.ScriptHtml(file));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [ToolFact(HeadlessChromium.Path)]
    public void ChartHtml_AfterScriptHtml_DrawsOfflineAndRunsNothingFromUserText()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-plotly");
        try
        {
            GenericChart line = Chart.Line<int, int, string>([1, 2, 3], [1, 4, 9], Name: Hostile);
            GenericChart heatmap = Chart.Heatmap<double, int, int, string>([[0.0, 0.5], [0.5, 1.0]], Name: Hostile);
            string page = Path.Combine(dir, "page.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><head><title>ok</title></head><body>\n" + NotebookPlotly.ScriptHtml() + "\n"
                + NotebookPlotly.ChartHtml(line) + "\n" + NotebookPlotly.ChartHtml(heatmap) + "\n</body></html>");

            IReadOnlyList<DrawnChart> drawn = HeadlessChromium.Charts(page);

            Assert.Equal(2, drawn.Count);
            Assert.All(drawn, c => Assert.True(c.Svgs > 0 && c.DataTraces == 1 && c.DrawnTraces >= 1, c.ToString()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [ToolFact(HeadlessChromium.Path)]
    public void ChartHtml_WithoutPlotlyInThePage_SaysHowToFixIt()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-noplotly");
        try
        {
            string page = Path.Combine(dir, "page.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><body>" + NotebookPlotly.ChartHtml(Chart.Point<int, int, string>([1], [2])) + "</body></html>");

            DrawnChart chart = Assert.Single(HeadlessChromium.Charts(page));

            Assert.Equal(0, chart.Svgs);
            Assert.Equal(NotebookPlotly.MissingPlotlyMessage, chart.Text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string WriteTemp(string text)
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlseg-plotly-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, text);
        return file;
    }

    private static int CountOrdinal(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

[Collection(PlotlyJsEnvironment.Name)]
public sealed class FindPlotlyJsTests
{
    [Fact]
    public void FindPlotlyJs_VariableNamesMissingFile_ThrowsNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"mlseg-no-plotly-{Guid.NewGuid():N}.js");
        string? before = Environment.GetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable);
        try
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, missing);
            var ex = Assert.Throws<FileNotFoundException>(NotebookPlotly.FindPlotlyJs);
            Assert.Contains($"{NotebookPlotly.PlotlyJsVariable}={missing}", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, before);
        }
    }

    [Fact]
    public void FindPlotlyJs_VariableNamesFile_ReturnsIt()
    {
        string file = Path.Combine(Path.GetTempPath(), $"mlseg-plotly-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, "window.Plotly = {};");
        string? before = Environment.GetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable);
        try
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, file);
            Assert.Equal(file, NotebookPlotly.FindPlotlyJs());
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, before);
            File.Delete(file);
        }
    }

    [Fact]
    public void FindPlotlyJs_Unset_FindsThePinnedCopyUnderArtifactsNative()
    {
        string? before = Environment.GetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable);
        try
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, null);
            Assert.Equal(Path.Combine(RepoPaths.NativeDir, "plotly.min.js"), NotebookPlotly.FindPlotlyJs());
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookPlotly.PlotlyJsVariable, before);
        }
    }
}
