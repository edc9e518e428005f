using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLSeg.TestKit;
using Xunit.Abstractions;

namespace MLSeg.Notebooks.Tests;

/// <summary>
/// notebooks/run-notebooks.sh in the real .NET Interactive kernel: every tutorial notebook executes, and every chart in
/// its HTML export draws in headless Chromium with no network; failures name the code cell and carry its errors.
/// </summary>
[Collection(PlotlyJsEnvironment.Name)]
public sealed partial class NotebookRunTests(ITestOutputHelper output)
{
    [KernelFact(Chromium = true, Native = true)]
    public void RunNotebooks_EveryNotebook_RunsInTheKernelAndEveryChartDrawsOffline()
    {
        string outDir = RepoPaths.NewTempDir("mlseg-notebooks");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (exit, stdout, stderr) = NotebookRunner.Run(outDir);
            output.WriteLine($"run-notebooks.sh: {clock.Elapsed.TotalSeconds:F0} s\n{string.Join('\n', stdout.Split('\n').Where(l => l.StartsWith("notebook ", StringComparison.Ordinal)))}");
            Assert.True(exit == 0, $"run-notebooks.sh exited {exit}:\n{stdout}\n{stderr}");

            string[] notebooks = Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb");
            Assert.True(notebooks.Length >= 4, $"expected the four tutorial notebooks, found {notebooks.Length}");
            var chartsPerNotebook = new Dictionary<string, int>();
            foreach (string source in notebooks)
            {
                string name = Path.GetFileNameWithoutExtension(source);
                string executed = Path.Combine(outDir, name + ".ipynb");
                JsonNode nb = JsonNode.Parse(File.ReadAllText(executed))!;
                var code = nb["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "code").ToList();
                Assert.All(code, c => Assert.NotNull((int?)c!["execution_count"]));
                var outputs = code.SelectMany(c => c!["outputs"]!.AsArray()).ToList();
                Assert.DoesNotContain(outputs, o => (string)o!["output_type"]! == "error");
                Assert.Contains(outputs, o => (string)o!["output_type"]! == "stream" && (string?)o["name"] == "stdout");

                // plotly.js is inlined exactly once: by the setup cell, before any chart.
                string html = string.Concat(outputs.Select(o => o!["data"]?["text/html"]).Where(h => h is not null).Select(HtmlText));
                Assert.Equal(1, Regex.Count(html, @"\* plotly\.js v\d"));
                var chartIds = ChartId().Matches(html).Select(m => m.Value).Distinct().ToList();
                chartsPerNotebook[name] = chartIds.Count;

                IReadOnlyList<DrawnChart> drawn = HeadlessChromium.Charts(Path.Combine(outDir, name + ".html"));
                Assert.Equal(chartIds.Order(StringComparer.Ordinal), drawn.Select(d => d.Id).Order(StringComparer.Ordinal));
                foreach (DrawnChart chart in drawn)
                {
                    Assert.True(chart.Svgs > 0 && chart.DataTraces > 0 && chart.DrawnTraces >= chart.DataTraces,
                        $"{name}: chart {chart.Id} did not draw: {chart}");
                }

                output.WriteLine($"{name}: {code.Count} code cells, {outputs.Count} outputs, {drawn.Count} chart(s) drawn offline");
            }

            Assert.True(chartsPerNotebook["01-load-and-window"] >= 1, "01 shows the window presets as a chart");
            Assert.True(chartsPerNotebook["03-learning-curves"] >= 1, "03 shows the learning curves as a chart");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [KernelFact]
    public void Kernel_PlotlyNetChart_LoadsFSharpCore101AndRendersWithInlinedPlotly()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-fsharp");
        try
        {
            string notebook = Path.Combine(dir, "fsharp.ipynb");
            File.WriteAllText(notebook, Notebook(
                $"#load \"{NotebookRunner.SetupScript}\"",
                "var fsharp = typeof(Microsoft.FSharp.Core.Unit).Assembly.GetName();\nConsole.WriteLine($\"FSharp.Core {fsharp.Version}\");",
                "Plotly.NET.CSharp.Chart.Line<int, int, string>(new[] { 1, 2, 3 }, new[] { 1, 4, 9 }, Name: \"squares </script><img src=x onerror=alert(1)>\")"));

            var (exit, stdout, stderr) = NotebookRunner.Run(Path.Combine(dir, "out"), notebook);

            Assert.True(exit == 0, $"run-notebooks.sh exited {exit}:\n{stdout}\n{stderr}");
            var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "fsharp.ipynb")))!["cells"]!.AsArray();
            string version = StreamText(cells[1]!);
            Match m = Regex.Match(version, @"FSharp\.Core (\d+)\.(\d+)\.");
            Assert.True(m.Success, version);
            Assert.True(new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) >= new Version(10, 1),
                $"the kernel loaded {version.Trim()}; Plotly.NET 6 needs FSharp.Core ≥ 10.1 (run `make notebooks-setup`)");
            string chart = string.Concat(cells[2]!["outputs"]!.AsArray().Select(o => o!["data"]?["text/html"]).Where(h => h is not null).Select(HtmlText));
            Assert.Contains("mlseg-chart-", chart, StringComparison.Ordinal);
            Assert.Contains("squares \\u003c/script>", chart, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", chart, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [KernelFact]
    public void KernelSpec_StartsTheKernelWithMallocOnHugePages()
    {
        // Like the ./mlseg launcher: glibc.malloc.hugetlb is read when a process starts, so the kernel spec sets it
        // (notebooks/setup-kernel.sh; not when make setup ran with MLSEG_MALLOC_TUNING=0).
        foreach (string kernel in new[] { ".net-csharp", ".net-fsharp" })
        {
            string path = Path.Combine(RepoPaths.Root, "artifacts", "jupyter", "kernels", kernel, "kernel.json");
            using var spec = JsonDocument.Parse(File.ReadAllText(path));
            string? tunables = spec.RootElement.GetProperty("env").TryGetProperty("GLIBC_TUNABLES", out var value) ? value.GetString() : null;
            Assert.True(tunables?.Split(':').Contains("glibc.malloc.hugetlb=1") == true, $"{path}: env.GLIBC_TUNABLES is '{tunables}'");
        }
    }

    [KernelFact]
    public void RunNotebooks_FailingCell_ReportsItsNumberAndKeepsThePartlyExecutedNotebook()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-fail");
        try
        {
            string notebook = Path.Combine(dir, "broken.ipynb");
            File.WriteAllText(notebook, Notebook(
                "int answer = 6 * 7;\nConsole.WriteLine($\"answer {answer}\");",
                "Console.WriteLine(\"second cell\");",
                "throw new InvalidOperationException($\"cell three broke after {answer}\");",
                "Console.WriteLine(\"never printed\");"));

            var (exit, stdout, stderr) = NotebookRunner.Run(Path.Combine(dir, "out"), notebook);

            Assert.Equal(1, exit);
            Assert.Contains("notebook broken: code cell 3 failed:", stderr, StringComparison.Ordinal);
            Assert.Contains("System.InvalidOperationException: cell three broke after 42", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "out", "broken.ipynb")), "a failed notebook must not leave an executed copy");
            Assert.False(File.Exists(Path.Combine(dir, "out", "broken.html")), "a failed notebook must not leave an HTML export");
            var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "broken.failed.ipynb")))!["cells"]!.AsArray();
            Assert.Equal("answer 42\n", StreamText(cells[0]!));
            Assert.Equal("error", (string)cells[2]!["outputs"]!.AsArray().Last()!["output_type"]!);
            Assert.Empty(cells[3]!["outputs"]!.AsArray());
            Assert.Null((int?)cells[3]!["execution_count"]);
            output.WriteLine(stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [KernelFact]
    public void RunNotebooks_CompileErrorInCell_ReportsTheCellAndTheDiagnostic()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-compile");
        try
        {
            string notebook = Path.Combine(dir, "typo.ipynb");
            File.WriteAllText(notebook, Notebook("Console.WriteLine(1);", "int x = 1;\nConsole.WriteLine(undefinedName);"));

            var (exit, _, stderr) = NotebookRunner.Run(Path.Combine(dir, "out"), notebook);

            Assert.Equal(1, exit);
            Assert.Contains("notebook typo: code cell 2 failed:", stderr, StringComparison.Ordinal);
            Assert.Contains("(2,19): error CS0103: The name 'undefinedName' does not exist", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string HtmlText(JsonNode? html) =>
        html is JsonArray lines ? string.Concat(lines.Select(l => (string)l!)) : (string?)html ?? "";

    private static string StreamText(JsonNode cell) => string.Concat(cell["outputs"]!.AsArray()
        .Where(o => (string)o!["output_type"]! == "stream" && (string?)o["name"] == "stdout")
        .SelectMany(o => o!["text"] is JsonArray a ? a.Select(t => (string)t!) : [(string)o!["text"]!]));

    /// <summary>A C# notebook with Polyglot metadata, as VS Code writes it.</summary>
    private static string Notebook(params string[] cells)
    {
        var array = new JsonArray();
        foreach (string source in cells)
        {
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                },
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            });
        }

        var nb = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["language_info"] = new JsonObject { ["name"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["aliases"] = new JsonArray() }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return nb.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    [GeneratedRegex("mlseg-chart-[0-9a-f]{32}")]
    private static partial Regex ChartId();
}
