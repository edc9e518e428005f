using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLSeg.TestKit;
using Xunit.Abstractions;

namespace MLSeg.Cli.Tests;

/// <summary>
/// notebooks/run-notebooks.sh: every notebook under notebooks/ executes headless (each as a .NET 10 file-based app)
/// into an executed copy with outputs, and a failing cell is reported by its number.
/// </summary>
public sealed class NotebookTests(ITestOutputHelper output)
{
    private static string Script => Path.Combine(RepoPaths.Root, "notebooks", "run-notebooks.sh");

    [NativeFact]
    public void RunNotebooks_EveryNotebook_WritesExecutedNotebookWithOutputsAndNoError()
    {
        string outDir = RepoPaths.NewTempDir("mlseg-notebooks");
        try
        {
            var (exit, stdout, stderr) = RunScript(outDir);
            Assert.True(exit == 0, $"run-notebooks.sh exited {exit}:\n{stdout}\n{stderr}");

            string[] notebooks = Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb");
            Assert.True(notebooks.Length >= 4, $"expected the four tutorial notebooks, found {notebooks.Length}");
            foreach (string source in notebooks)
            {
                string executed = Path.Combine(outDir, Path.GetFileName(source));
                Assert.True(File.Exists(executed), $"{executed} was not written");
                JsonNode nb = JsonNode.Parse(File.ReadAllText(executed))!;
                Assert.Equal(4, (int)nb["nbformat"]!);
                var code = nb["cells"]!.AsArray().Where(c => (string)c!["cell_type"]! == "code").ToList();
                Assert.All(code, c => Assert.NotNull((int?)c!["execution_count"]));
                var outputs = code.SelectMany(c => c!["outputs"]!.AsArray()).ToList();
                Assert.DoesNotContain(outputs, o => (string)o!["output_type"]! == "error");
                Assert.Contains(outputs, o => (string)o!["output_type"]! == "stream");
                output.WriteLine($"{Path.GetFileName(source)}: {code.Count} code cells, {outputs.Count} outputs");
            }

            // Each chart notebook carries its plotly figure as a text/html output.
            foreach (string name in new[] { "01-load-and-window.ipynb", "03-learning-curves.ipynb" })
            {
                string text = File.ReadAllText(Path.Combine(outDir, name));
                Assert.Contains("\"text/html\"", text, StringComparison.Ordinal);
                Assert.Contains("Plotly.newPlot", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void RunNotebooks_FailingCell_ReportsItsNumberAndKeepsEarlierOutputs()
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

            var (exit, stdout, stderr) = RunScript(Path.Combine(dir, "out"), notebook);

            Assert.Equal(1, exit);
            Assert.Contains("notebook broken: cell 3 failed: InvalidOperationException: cell three broke after 42", stderr, StringComparison.Ordinal);
            JsonNode nb = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "broken.ipynb")))!;
            var cells = nb["cells"]!.AsArray();
            Assert.Equal("answer 42\n", string.Concat(cells[0]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string)t!)));
            Assert.Equal("error", (string)cells[2]!["outputs"]!.AsArray().Last()!["output_type"]!);
            Assert.Empty(cells[3]!["outputs"]!.AsArray());
            Assert.Null((int?)cells[3]!["execution_count"]);
            output.WriteLine(stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RunNotebooks_CompileErrorInCell_ReportsItsNumberAndLine()
    {
        string dir = RepoPaths.NewTempDir("mlseg-notebook-compile");
        try
        {
            string notebook = Path.Combine(dir, "typo.ipynb");
            File.WriteAllText(notebook, Notebook("Console.WriteLine(1);", "int x = 1;\nConsole.WriteLine(undefinedName);"));

            var (exit, _, stderr) = RunScript(Path.Combine(dir, "out"), notebook);

            Assert.Equal(1, exit);
            Assert.Contains("notebook typo: cell 2 failed: line 2: error CS0103", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Notebook(params string[] cells)
    {
        var array = new JsonArray();
        foreach (string source in cells)
        {
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } },
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
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return nb.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (int ExitCode, string Stdout, string Stderr) RunScript(string outDir, params string[] notebooks)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(Script);
        foreach (string nb in notebooks)
        {
            psi.ArgumentList.Add(nb);
        }

        psi.Environment["MLSEG_NOTEBOOKS_OUT"] = outDir;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(1_200_000))
        {
            p.Kill(true);
            throw new TimeoutException($"run-notebooks.sh {string.Join(' ', notebooks)} did not finish in 20 minutes.");
        }

        return (p.ExitCode, stdout, err.GetAwaiter().GetResult());
    }
}
