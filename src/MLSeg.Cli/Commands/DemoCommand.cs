using System.CommandLine;
using MLSeg.Experiments.Specs;
using MLSeg.Models.Engine;
using TorchSharp;

namespace MLSeg.Cli.Commands;

/// <summary>
/// <c>mlseg demo [--out DIR] [--gpu]</c>: the small transfer-learning grid of pipelines/demo.yaml (embedded) on a
/// synthetic L3 cohort with three observers — all five L3 strategies × 3 sizes × 2 folds on CPU — ending with the
/// report's path. With <c>--gpu</c> it runs the full-size L3 study (pipelines/l3-muscle-transfer.yaml) on CUDA.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var outDir = new Option<string?>("--out") { Description = "Run folder (default artifacts/runs/demo)." };
        var gpu = new Option<bool>("--gpu") { Description = "Run the full-size L3 study spec on CUDA instead (needs a CUDA build of the shim)." };
        var command = new Command("demo", "Generate a synthetic L3 cohort, run a small transfer-learning grid and write the report.");
        command.Options.Add(outDir);
        command.Options.Add(gpu);
        command.SetAction(parse =>
        {
            if (parse.GetValue(gpu))
            {
                string study = Path.Combine(Path.GetDirectoryName(RunCommand.ArtifactsRoot())!, "pipelines", "l3-muscle-transfer.yaml");
                ExperimentSpec full = SpecParser.ParseFile(study);
                return RunCommand.Execute(full, parse.GetValue(outDir) ?? Path.Combine(RunCommand.ArtifactsRoot(), "runs", full.Name), null, Devices.Parse("cuda"), false, true);
            }

            using Stream resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("demo.yaml")
                ?? throw new InvalidOperationException("The embedded demo spec is missing from the build.");
            using var reader = new StreamReader(resource);
            ExperimentSpec spec = SpecParser.Parse(reader.ReadToEnd(), "pipelines/demo.yaml");
            return RunCommand.Execute(spec, parse.GetValue(outDir) ?? Path.Combine(RunCommand.ArtifactsRoot(), "runs", spec.Name), null, torch.CPU, false, true);
        });
        return command;
    }
}
