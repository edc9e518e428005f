namespace MLSeg.Experiments.Running;

/// <summary>What <c>--jobs auto</c> chose and why (for the run's first progress line and each arm's manifest).</summary>
/// <param name="Jobs">Arms to run at once.</param>
/// <param name="Reason">The numbers behind it.</param>
public sealed record JobsChoice(int Jobs, string Reason);
