namespace MLSeg.Training.FineTuning;

/// <summary>
/// Stops a phase when the validation mean foreground Dice has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> consecutive epochs. The counter restarts at each phase.
/// </summary>
/// <param name="Patience">Epochs without improvement tolerated (≥ 1).</param>
/// <param name="MinDelta">Smallest Dice gain that counts as an improvement (≥ 0).</param>
public sealed record EarlyStopping(int Patience, double MinDelta = 0)
{
    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Patience);
        ArgumentOutOfRangeException.ThrowIfNegative(MinDelta);
    }
}
