namespace MLSeg.Training.FineTuning;

/// <summary>
/// One phase of fine-tuning: a number of epochs with an encoder that is either frozen (<see cref="EncoderLearningRate"/>
/// null: its parameters get no gradient and its normalisation layers stay in eval mode) or trained at its own
/// (discriminative) learning rate. Each phase starts a fresh optimizer and schedule.
/// </summary>
/// <param name="Name">Phase name in logs and progress ("frozen", "unfrozen", "train").</param>
/// <param name="Epochs">Epochs in the phase (≥ 1).</param>
/// <param name="DecoderLearningRate">Learning rate of the decoder and head.</param>
/// <param name="EncoderLearningRate">Learning rate of the encoder, or null to freeze it.</param>
public sealed record TrainingPhase(string Name, int Epochs, double DecoderLearningRate, double? EncoderLearningRate)
{
    /// <summary>Whether the encoder is frozen in this phase.</summary>
    public bool FreezesEncoder => EncoderLearningRate is null;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        if (Name.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Phase name '{Name}' may not contain a comma (it is a train_log.csv field).", nameof(Name));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DecoderLearningRate);
        if (EncoderLearningRate is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EncoderLearningRate), EncoderLearningRate, "Encoder learning rate must be > 0 (or null to freeze).");
        }
    }
}
