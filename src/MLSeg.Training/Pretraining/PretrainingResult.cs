namespace MLSeg.Training.Pretraining;

/// <summary>What a pretrainer did: the mean training loss of each epoch, first to last.</summary>
/// <param name="Strategy">The strategy's name.</param>
/// <param name="EpochLosses">Mean loss per epoch.</param>
public sealed record PretrainingResult(string Strategy, IReadOnlyList<double> EpochLosses)
{
    /// <summary>Mean loss of the last epoch.</summary>
    public double FinalLoss => EpochLosses[^1];
}
