using System.CommandLine;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;

namespace MLSeg.Cli.Commands;

/// <summary><c>mlseg plan SPEC [--json]</c>: the arms an experiment spec expands to.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Experiment spec (pipelines/*.yaml)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of arms (id, source, subset, n, fold, seed, folder, pretrainKey)." };
        var command = new Command("plan", "List the arms (source × subset × n × fold × seed) of an experiment spec.");
        command.Arguments.Add(spec);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            IReadOnlyList<Arm> arms = ExperimentPlanner.Plan(SpecParser.ParseFile(parseResult.GetValue(spec)!));
            Console.Write(parseResult.GetValue(json) ? PlanFormatter.ToJson(arms) + "\n" : PlanFormatter.ToText(arms));
            return CliRunner.Ok;
        });
        return command;
    }
}
