namespace MLSeg.Training.FineTuning;

/// <summary>
/// A progress event for a runner's display, the same for every trainer (fine-tuning and each pretraining strategy).
/// Reported after every optimizer step (<see cref="ValDice"/> null) and once at the end of each epoch.
/// </summary>
/// <param name="Phase">Phase or strategy name.</param>
/// <param name="Epoch">1-based epoch over the whole run.</param>
/// <param name="TotalEpochs">Planned epochs of the whole run (early stopping may end sooner).</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="TotalSteps">Steps per epoch.</param>
/// <param name="Loss">Loss of the last step, or the epoch's mean training loss at the end of an epoch.</param>
/// <param name="ValDice">Mean foreground Dice on the validation split at the end of an epoch, when there is one.</param>
/// <param name="EndOfEpoch">Whether this event closes an epoch.</param>
public sealed record TrainingProgress(string Phase, int Epoch, int TotalEpochs, int Step, int TotalSteps, double Loss, double? ValDice, bool EndOfEpoch);
