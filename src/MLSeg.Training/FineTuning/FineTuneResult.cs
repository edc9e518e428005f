namespace MLSeg.Training.FineTuning;

/// <summary>What a fine-tuning run did.</summary>
/// <param name="EpochsRun">Epochs completed in total (including those before a resume).</param>
/// <param name="BestEpoch">1-based epoch with the best validation Dice, or null without validation.</param>
/// <param name="BestValDice">That Dice, or null.</param>
/// <param name="EarlyStoppedPhases">Names of phases ended by early stopping.</param>
/// <param name="Interrupted">Whether <see cref="FineTuneOptions.StopAfterEpochs"/> ended the run before its plan.</param>
/// <param name="Log">Every epoch's log row.</param>
public sealed record FineTuneResult(int EpochsRun, int? BestEpoch, double? BestValDice, IReadOnlyList<string> EarlyStoppedPhases, bool Interrupted,
    IReadOnlyList<EpochLogRow> Log)
{
    /// <summary>Whether the training split stayed on the device for the run (<see cref="FineTuneOptions.DataResidency"/>).</summary>
    public bool TrainingDataOnDevice { get; init; }

    /// <summary>Whether the validation split stayed on the device for the run.</summary>
    public bool ValidationDataOnDevice { get; init; }
}
