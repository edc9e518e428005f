using System.CommandLine;

namespace MLSeg.Cli;

/// <summary>Every top-level verb of <c>mlseg</c>; each lives in its own file under Commands/.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Commands.VersionCommand.Create();
        yield return Commands.DemoCommand.Create();
        yield return Commands.DicomCommand.Create();
        yield return Commands.ExportOnnxCommand.Create();
        yield return Commands.MetricsCommand.Create();
        yield return Commands.OnnxCommand.Create();
        yield return Commands.PlanCommand.Create();
        yield return Commands.PredictCommand.Create();
        yield return Commands.PseudoLabelCommand.Create();
        yield return Commands.ReportCommand.Create();
        yield return Commands.RunCommand.Create();
        yield return Commands.SynthCommand.Create();
    }
}
