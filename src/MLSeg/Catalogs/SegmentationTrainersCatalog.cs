using MLSeg.Data;
using MLSeg.Models.Contracts;
using MLSeg.Training;
using MLSeg.Training.FineTuning;

namespace MLSeg;

/// <summary>Segmentation trainers (<c>ml.Segmentation().Trainers</c>). Seeds derive from the MLContext.</summary>
public sealed class SegmentationTrainersCatalog
{
    private readonly SegmentationCatalog _catalog;

    internal SegmentationTrainersCatalog(SegmentationCatalog catalog) => _catalog = catalog;

    /// <summary>
    /// Fine-tunes the U-Net <paramref name="model"/> (plain or ResNet-encoder) for <paramref name="epochs"/> epochs (one
    /// phase, Adam, every layer at <paramref name="learningRate"/>, Dice + cross-entropy), starting from
    /// <paramref name="pretrained"/>'s encoder when given; the fitted transformer adds a prediction label-map column.
    /// </summary>
    public FineTuneEstimator UNet(ModelConfig model, int epochs = FineTuneEstimator.Defaults.Epochs, double learningRate = FineTuneEstimator.Defaults.LearningRate,
        int batchSize = FineTuneEstimator.Defaults.BatchSize, PretrainedEncoderTransformer? pretrained = null,
        string imageColumnName = WellKnownColumns.Image, string labelColumnName = WellKnownColumns.Label,
        string predictionColumnName = WellKnownColumns.Prediction)
    {
        var seed = _catalog.NextSeed("trainers.unet");
        var options = new FineTuneOptions
        {
            Phases = [new TrainingPhase("train", epochs, learningRate, learningRate)],
            BatchSize = batchSize,
            Seed = seed.Derive("train"),
        };
        return new FineTuneEstimator(model, options, seed.Derive("init"), pretrained, imageColumnName, labelColumnName, predictionColumnName);
    }

    /// <summary>
    /// Fine-tunes with full <paramref name="options"/> (phases such as frozen-then-unfrozen, loss, early stopping,
    /// device, augmentation; their seed is used as given), optionally reporting to <paramref name="progress"/>.
    /// </summary>
    public FineTuneEstimator UNet(ModelConfig model, FineTuneOptions options, PretrainedEncoderTransformer? pretrained = null,
        string imageColumnName = WellKnownColumns.Image, string labelColumnName = WellKnownColumns.Label,
        string predictionColumnName = WellKnownColumns.Prediction, IProgress<TrainingProgress>? progress = null) =>
        new(model, options, _catalog.NextSeed("trainers.unet").Derive("init"), pretrained, imageColumnName, labelColumnName, predictionColumnName, progress);
}
