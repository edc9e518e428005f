using System.Text;
using System.Text.RegularExpressions;
using MLSeg.TestKit;

namespace MLSeg.Cli.Tests;

/// <summary>
/// docs/CLI.md is generated from the CLI's own --help output; this test fails when the two drift apart. Regenerate
/// with <c>make cli-docs</c> (which runs this test with MLSEG_UPDATE_DOCS=1).
/// </summary>
public partial class CliReferenceTests
{
    [Fact]
    public void DocsCliReference_MatchesHelpOutput()
    {
        string expected = Generate();
        string path = Path.Combine(RepoPaths.Root, "docs", "CLI.md");
        if (Environment.GetEnvironmentVariable("MLSEG_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), "docs/CLI.md is missing; run `make cli-docs`.");
        Assert.True(File.ReadAllText(path) == expected, "docs/CLI.md differs from `mlseg --help` output; run `make cli-docs` and commit the result.");
    }

    private static string Generate()
    {
        var doc = new StringBuilder();
        doc.Append("# `mlseg` command reference\n\n");
        doc.Append("Generated from the CLI's own `--help` output by `make cli-docs`; a test keeps it in step. Exit codes: 0 ok, 1 failure, 2 usage error.\n");
        var queue = new Queue<string[]>();
        queue.Enqueue([]);
        while (queue.Count > 0)
        {
            string[] path = queue.Dequeue();
            var (code, help, _) = CliProcess.Run([.. path, "--help"]);
            Assert.Equal(0, code);
            doc.Append("\n## `mlseg").Append(path.Length == 0 ? string.Empty : " " + string.Join(' ', path)).Append("`\n\n```\n")
               .Append(help.Replace("\r", string.Empty, StringComparison.Ordinal).Trim()).Append("\n```\n");
            foreach (string sub in Subcommands(help))
            {
                queue.Enqueue([.. path, sub]);
            }
        }

        return doc.ToString();
    }

    private static IEnumerable<string> Subcommands(string help)
    {
        int start = help.IndexOf("Commands:", StringComparison.Ordinal);
        if (start < 0)
        {
            yield break;
        }

        foreach (string line in help[start..].Split('\n').Skip(1))
        {
            Match m = CommandLine().Match(line);
            if (!m.Success)
            {
                if (line.Trim().Length == 0)
                {
                    yield break;
                }

                continue;
            }

            yield return m.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"^  ([a-z0-9][a-z0-9-]*)\b")]
    private static partial Regex CommandLine();
}
