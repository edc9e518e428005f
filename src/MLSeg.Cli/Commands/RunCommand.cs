using System.CommandLine;
using System.Globalization;
using MLSeg.Experiments.Running;
using MLSeg.Experiments.Specs;
using MLSeg.IO;
using MLSeg.Torch;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg run SPEC [--out DIR] [--only ID] [--device cpu|cuda] [--force]</c>: runs an experiment grid locally, resumably.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("SPEC") { Description = "Experiment spec (pipelines/*.yaml)." };
        var outDir = new Option<string?>("--out") { Description = "Run folder (default artifacts/runs/<spec name>)." };
        var only = new Option<string?>("--only", "--arm") { Description = "Run only arms whose id starts with (or folder name contains) this text." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var force = new Option<bool>("--force") { Description = "Reuse a run folder although its resolved spec differs from this spec." };
        var noReport = new Option<bool>("--no-report") { Description = "Skip writing report/index.html at the end." };
        var command = new Command("run", "Run an experiment grid locally: pretrain once per source, fine-tune and evaluate every arm; finished arms are skipped.");
        command.Arguments.Add(spec);
        foreach (Option o in new Option[] { outDir, only, device, force, noReport })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            ExperimentSpec parsed = SpecParser.ParseFile(parse.GetValue(spec)!);
            string runDir = parse.GetValue(outDir) ?? Path.Combine(ArtifactsRoot(), "runs", parsed.Name);
            return Execute(parsed, runDir, parse.GetValue(only), Device.Parse(parse.GetValue(device)!), parse.GetValue(force), !parse.GetValue(noReport));
        });
        return command;
    }

    /// <summary>Runs <paramref name="spec"/> into <paramref name="runDir"/> with line progress on standard output.</summary>
    public static int Execute(ExperimentSpec spec, string runDir, string? only, Device device, bool force, bool report)
    {
        var runner = new ExperimentRunner(spec, new RunnerOptions
        {
            RunDirectory = runDir,
            CacheDirectory = Path.Combine(ArtifactsRoot(), "cache", "pretrained"),
            Loader = MaskFiles.Readers,
            Device = device,
            Only = only,
            Force = force,
            WriteReport = report,
        });
        var (ran, skipped) = runner.Run(new LineProgress());
        Console.WriteLine($"{ran} arm(s) run, {skipped} already finished; results: {Path.Combine(runDir, "results.csv")}");
        if (runner.ReportPath is { } index)
        {
            Console.WriteLine($"report: {index}");
        }

        return CliRunner.Ok;
    }

    /// <summary>artifacts/ of the repository the CLI was built in (or of the working folder when run elsewhere).</summary>
    public static string ArtifactsRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLSeg.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "artifacts");
    }

    // One line per arm start/finish and per finished epoch: readable in a terminal and in CI or Slurm logs alike.
    private sealed class LineProgress : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            string prefix = string.Create(CultureInfo.InvariantCulture, $"[{value.ArmsDone}/{value.ArmsTotal}]");
            if (value.Training is { } t)
            {
                if (t.EndOfEpoch)
                {
                    string dice = t.ValDice is { } d ? string.Create(CultureInfo.InvariantCulture, $" val_dice={d:F3}") : string.Empty;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix} {value.ArmName} {t.Phase} epoch {t.Epoch}/{t.TotalEpochs} loss={t.Loss:F4}{dice}"));
                }

                return;
            }

            Console.WriteLine($"{prefix} {value.ArmName ?? string.Empty} {value.Message}".Replace("  ", " ", StringComparison.Ordinal));
        }
    }
}
