using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>
/// A progress event of a grid run: which arm, how many are done, and the trainer's own progress. With several arms
/// running at once (<see cref="RunnerOptions.Jobs"/>) events of different arms interleave and arrive on the arms'
/// threads; <see cref="ArmName"/> says which arm each belongs to.
/// </summary>
/// <param name="ArmsDone">Arms finished or skipped so far (failed arms do not count).</param>
/// <param name="ArmsTotal">Arms selected for this run.</param>
/// <param name="ArmName">The arm's folder name; null for run-level events.</param>
/// <param name="Message">What happened, for a log line.</param>
/// <param name="Training">The trainer's event when <see cref="Kind"/> is <see cref="RunProgressKind.Training"/>.</param>
public sealed record RunProgress(int ArmsDone, int ArmsTotal, string? ArmName, string Message, TrainingProgress? Training = null)
{
    /// <summary>What the event reports.</summary>
    public RunProgressKind Kind { get; init; } = Training is null ? RunProgressKind.Note : RunProgressKind.Training;

    /// <summary>The arm's wall time, for <see cref="RunProgressKind.ArmFinished"/>.</summary>
    public TimeSpan? ArmWallTime { get; init; }

    /// <summary>Arms run at once (<see cref="RunnerOptions.Jobs"/>).</summary>
    public int Jobs { get; init; } = 1;
}
