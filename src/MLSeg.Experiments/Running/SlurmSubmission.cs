using MLSeg.Experiments.Planning;

namespace MLSeg.Experiments.Running;

/// <summary>What <see cref="SlurmSubmitter.Submit"/> did.</summary>
/// <param name="ArrayJobId">The arm array's job id; null when nothing was pending.</param>
/// <param name="AggregateJobId">The aggregation job's id; null when nothing was pending (aggregated in-process).</param>
/// <param name="Pending">The arms submitted, in array-task order (task i runs the <see cref="ArmsPerTask"/> arms from Pending[i·K]).</param>
/// <param name="Unfinished">After a wait: submitted arms still without a finished manifest; null without a wait.</param>
/// <param name="AggregateStates">After a wait: the aggregation job's final state(s) from scontrol, empty once Slurm forgot the job.</param>
public sealed record SlurmSubmission(string? ArrayJobId, string? AggregateJobId, IReadOnlyList<Arm> Pending, IReadOnlyList<Arm>? Unfinished, IReadOnlyList<string> AggregateStates)
{
    /// <summary>
    /// False when a wait found an unfinished arm or an aggregation job that ended other than COMPLETED; true otherwise
    /// (including when not waiting, as nothing has been observed to fail).
    /// </summary>
    public bool Succeeded => (Unfinished is null || Unfinished.Count == 0) && AggregateStates.All(s => s == "COMPLETED");

    /// <summary>Arms per array task (task i runs Pending[i·K … i·K + K − 1]).</summary>
    public int ArmsPerTask { get; init; } = 1;

    /// <summary>The array task that ran <see cref="Pending"/>[<paramref name="pendingIndex"/>].</summary>
    public int TaskOf(int pendingIndex) => pendingIndex / ArmsPerTask;

    /// <summary>The log file of array task <paramref name="index"/> under <paramref name="runDirectory"/>.</summary>
    public string TaskLog(string runDirectory, int index) =>
        Path.Combine(SlurmScript.SlurmDirectory(runDirectory), $"{ArrayJobId}_{index}.out");
}
