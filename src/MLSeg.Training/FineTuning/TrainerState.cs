namespace MLSeg.Training.FineTuning;

/// <summary>
/// The resumable position of a fine-tuning run, saved as <c>state.json</c> beside the last checkpoint. No generator
/// state is stored: every random stream (shuffle, augmentation, libtorch's global generator) is re-seeded at each
/// epoch from <see cref="Seed"/> and the epoch number, so the position alone determines what comes next.
/// </summary>
internal sealed record TrainerState
{
    public int Format { get; init; } = 1;

    public ulong Seed { get; init; }

    public int EpochsCompleted { get; init; }

    public int NextPhase { get; init; }

    public int NextEpochInPhase { get; init; }

    public int EpochsWithoutImprovement { get; init; }

    public double? BestValDice { get; init; }

    public int? BestEpoch { get; init; }

    public string RandomState { get; init; } = "re-seeded per epoch from seed and epoch (shuffle, augment, torch global)";

    /// <summary>The float16 loss scale at the end of the last epoch (null unless training in float16).</summary>
    public double? LossScale { get; init; }

    /// <summary>The float16 scaler's clean steps towards its next growth (null unless training in float16; absent in older checkpoints).</summary>
    public int? LossScaleCleanSteps { get; init; }

    public List<string> EarlyStoppedPhases { get; init; } = [];

    public List<EpochLogRow> Log { get; init; } = [];
}
