using MLSeg.Training.FineTuning;

namespace MLSeg.Experiments.Running;

/// <summary>A progress event of a grid run: which arm, how many are done, and the trainer's own progress.</summary>
public sealed record RunProgress(int ArmsDone, int ArmsTotal, string? ArmName, string Message, TrainingProgress? Training = null);
