namespace MLSeg.Experiments.Running;

/// <summary>How <see cref="SlurmSubmitter"/> submits a spec's pending arms.</summary>
public sealed record SlurmSubmitOptions
{
    /// <summary>
    /// The local runner's options (run folder, cache, loader, device, only, force, report); the submitter uses them to
    /// prepare the run folder and to aggregate when nothing is pending.
    /// </summary>
    public required RunnerOptions Runner { get; init; }

    /// <summary>Resources per array task (the spec's <c>resources.slurm</c> with command-line overrides).</summary>
    public required SlurmResources Resources { get; init; }

    /// <summary>Program and leading arguments that start mlseg on a compute node, e.g. <c>["/usr/bin/dotnet", "/abs/MLSeg.Cli.dll"]</c>.</summary>
    public required IReadOnlyList<string> Launcher { get; init; }

    /// <summary>The <c>--device</c> text passed to every array task (cpu, cuda, cuda:N).</summary>
    public string DeviceArgument { get; init; } = "cpu";

    /// <summary>
    /// Arms each array task runs in one process (≥ 1): the array has ⌈pending / K⌉ tasks, each paying the start-up (runtime,
    /// engine, cohort) once for its K arms; its time limit is the per-arm one times ⌈K / jobs⌉.
    /// </summary>
    public int ArmsPerTask
    {
        get => field;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(ArmsPerTask));
            field = value;
        }
    } = 1;

    /// <summary>The <c>--jobs</c> text passed to every array task: how many of its arms run at once (a number or <c>auto</c>).</summary>
    public string JobsArgument { get; init; } = "1";

    /// <summary>The <c>--cache</c> folder passed to every task (absolute), or null for the tasks' default (artifacts/cache).</summary>
    public string? CacheArgument { get; init; }

    /// <summary>Block until the array and the aggregation job have left the queue, then check every submitted arm.</summary>
    public bool Wait { get; init; }

    /// <summary>How often <see cref="Wait"/> asks squeue.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
