using System.CommandLine;
using MLSeg.Arms;
using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;

namespace MLSeg.Cli.Commands;

/// <summary>
/// <c>mlseg plan SPEC [--json] [--arm ID]</c>: the arms an experiment spec expands to, or with <c>--arm</c> that arm's
/// ML.NET estimator chain (the steps <c>mlseg run</c> builds for it, with their settings).
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "Experiment spec (pipelines/*.yaml)." };
        var json = new Option<bool>("--json") { Description = "Print JSON: an array of arms (id, source, subset, n, fold, seed, folder, pretrainKey), or with --arm the arm and its chain." };
        var arm = new Option<string?>("--arm") { HelpName = "ID", Description = "Print this arm's ML.NET estimator chain: its id (or a unique prefix of it) or folder name, as `mlseg plan SPEC` lists them." };
        var command = new Command("plan", "List the arms (source × subset × n × fold × seed) of an experiment spec, or one arm's ML.NET estimator chain.");
        command.Arguments.Add(spec);
        command.Options.Add(json);
        command.Options.Add(arm);
        command.SetAction(parseResult =>
        {
            string file = parseResult.GetValue(spec)!;
            ExperimentSpec parsed = SpecParser.ParseFile(file);
            IReadOnlyList<Arm> arms = ExperimentPlanner.Plan(parsed);
            if (parseResult.GetValue(arm) is not { } id)
            {
                Console.Write(parseResult.GetValue(json) ? PlanFormatter.ToJson(arms) + "\n" : PlanFormatter.ToText(arms));
                return CliRunner.Ok;
            }

            Arm chosen = Find(arms, id, file);
            IReadOnlyList<ArmChainStep> steps = ArmChain.Describe(parsed, chosen);
            if (parseResult.GetValue(json))
            {
                var node = new System.Text.Json.Nodes.JsonObject { ["id"] = chosen.Id, ["folder"] = chosen.FolderName, ["chain"] = ArmChain.ToJson(steps) };
                Console.WriteLine(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.Write(ArmChain.ToText(chosen, steps));
            }

            return CliRunner.Ok;
        });
        return command;
    }

    // The arm whose id starts with, or whose folder name equals, the given text; none or several is a usage error.
    private static Arm Find(IReadOnlyList<Arm> arms, string id, string file)
    {
        var matches = arms.Where(a => a.Id.StartsWith(id, StringComparison.Ordinal) || a.FolderName == id).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"--arm '{id}' is not an arm of {file}; `mlseg plan {file}` lists the ids (an id, a unique prefix of one, or a folder name)."),
            _ => throw new UsageException($"--arm '{id}' matches {matches.Count} arms of {file} ({string.Join(", ", matches.Select(a => a.Id))}); give more of the id."),
        };
    }
}
