using MLSeg.Experiments.Planning;
using MLSeg.Experiments.Specs;

namespace MLSeg.Experiments.Running;

/// <summary>The inside of one Slurm array task (<c>--executor slurm-task</c>): which arm it runs and how its manifest names the job.</summary>
public static class SlurmTask
{
    /// <summary>
    /// Runner options for one array task: exactly the arms <paramref name="armIds"/> (full ids separated by commas, run in
    /// one process one after another or <see cref="RunnerOptions.Jobs"/> at a time), no aggregation, executor <c>slurm</c>
    /// and the job/array ids from <paramref name="environment"/> (SLURM_ARRAY_JOB_ID, SLURM_ARRAY_TASK_ID).
    /// </summary>
    public static RunnerOptions Options(ExperimentSpec spec, RunnerOptions options, string armIds, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(armIds);
        ArgumentNullException.ThrowIfNull(environment);
        // The runner's --only matches prefixes; a task must run its arms exactly.
        var plan = ExperimentPlanner.Plan(spec.Resolve()).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        string[] ids = armIds.Split(',');
        if (ids.FirstOrDefault(id => !plan.Contains(id)) is { } unknown)
        {
            throw new ArgumentException($"--executor slurm-task: '{unknown}' is not the full id of an arm of {spec.SourceFile}; `mlseg plan` lists the ids.");
        }

        return options with
        {
            Only = null,
            ArmIds = ids.ToHashSet(StringComparer.Ordinal),
            SkipAggregate = true,
            AggregateOnly = false,
            WriteReport = false,
            Executor = "slurm",
            ExecutorDetails = new Dictionary<string, string>
            {
                ["slurmJobId"] = Required(environment, "SLURM_ARRAY_JOB_ID"),
                ["slurmArrayTaskId"] = Required(environment, "SLURM_ARRAY_TASK_ID"),
                ["slurmArmsInTask"] = ids.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["slurmNode"] = environment.TryGetValue("SLURMD_NODENAME", out string? node) && !string.IsNullOrEmpty(node) ? node : Environment.MachineName,
            },
        };
    }

    /// <summary>The Slurm variables <see cref="Options"/> reads, from this process's environment.</summary>
    public static IReadOnlyDictionary<string, string?> CurrentEnvironment() =>
        new[] { "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURMD_NODENAME" }.ToDictionary(k => k, Environment.GetEnvironmentVariable);

    private static string Required(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new SlurmException($"--executor slurm-task runs inside a Slurm array task, but {name} is not set; submit with --executor slurm instead.");
}
