using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Training.Data;
using MLSeg.Training.FineTuning;

namespace MLSeg.Training.Pretraining;

/// <summary>
/// The <c>segmentation</c> and <c>supervised</c> strategies: a whole <see cref="SegmentationNetwork"/> trained on a
/// labelled source (natural images with masks, or another medical domain such as 1.5/3T cardiac) with the fine-tuning
/// trainer. For <c>supervised</c> from another strategy (double transfer), pass that strategy's encoder file as
/// <c>fromEncoderPath</c>. The result is saved as a whole-network file; the target run loads it with
/// <see cref="WeightTransfer.LoadNetwork"/> and resets the head for its classes (encoder AND decoder are kept).
/// </summary>
public static class SegmentationPretrainer
{
    /// <summary>Trains <paramref name="network"/> on <paramref name="source"/> and saves it to <paramref name="outputPath"/>.</summary>
    /// <param name="network">Network with the source task's class count.</param>
    /// <param name="source">Labelled source images.</param>
    /// <param name="options">Fine-tuning options (phases, loss, seed, device).</param>
    /// <param name="outputPath">Whole-network safetensors file to write, or null to keep the weights in memory only.</param>
    /// <param name="fromEncoderPath">Encoder file of an earlier strategy to start from, or null.</param>
    /// <param name="progress">Progress sink or null.</param>
    /// <param name="validation">Source validation split for early stopping, or null.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public static FineTuneResult Train(SegmentationNetwork network, SegmentationDataset source, FineTuneOptions options, string? outputPath = null,
        string? fromEncoderPath = null, IProgress<TrainingProgress>? progress = null, SegmentationDataset? validation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (fromEncoderPath is not null)
        {
            WeightTransfer.LoadEncoder(network.Encoder, fromEncoderPath);
        }

        FineTuneResult result = new FineTuneTrainer(options, progress).Train(network, source, validation, cancellationToken: cancellationToken);
        if (outputPath is not null)
        {
            StateDicts.Save(network, outputPath);
        }

        return result;
    }
}
