using MLSeg.Models.Contracts;
using MLSeg.Training;
using MLSeg.Training.FineTuning;

namespace MLSeg.Catalogs;

/// <summary>Segmentation trainers (<c>ctx.Trainers</c>). Seeds derive from the context.</summary>
public sealed class TrainersCatalog
{
    private readonly SegContext _context;

    internal TrainersCatalog(SegContext context) => _context = context;

    /// <summary>
    /// Fine-tunes <paramref name="model"/> for <paramref name="epochs"/> epochs (one phase, Adam, every layer at
    /// <paramref name="learningRate"/>, Dice + cross-entropy), starting from <paramref name="pretrained"/>'s encoder when given.
    /// </summary>
    public FineTuneEstimator FineTune(ModelConfig model, int epochs = FineTuneEstimator.Defaults.Epochs, double learningRate = FineTuneEstimator.Defaults.LearningRate,
        int batchSize = FineTuneEstimator.Defaults.BatchSize, PretrainedEncoderTransformer? pretrained = null,
        string imageColumn = FineTuneEstimator.Defaults.ImageColumn, string labelColumn = FineTuneEstimator.Defaults.LabelColumn,
        string predictionColumn = FineTuneEstimator.Defaults.PredictionColumn)
    {
        var seed = _context.NextSeed("trainers.fine-tune");
        var options = new FineTuneOptions
        {
            Phases = [new TrainingPhase("train", epochs, learningRate, learningRate)],
            BatchSize = batchSize,
            Seed = seed.Derive("train"),
        };
        return new FineTuneEstimator(model, options, seed.Derive("init"), pretrained, imageColumn, labelColumn, predictionColumn);
    }

    /// <summary>
    /// Fine-tunes with full <paramref name="options"/> (phases such as frozen-then-unfrozen, loss, early stopping,
    /// device, augmentation; their seed is used as given), optionally reporting to <paramref name="progress"/>.
    /// </summary>
    public FineTuneEstimator FineTune(ModelConfig model, FineTuneOptions options, PretrainedEncoderTransformer? pretrained = null,
        string imageColumn = FineTuneEstimator.Defaults.ImageColumn, string labelColumn = FineTuneEstimator.Defaults.LabelColumn,
        string predictionColumn = FineTuneEstimator.Defaults.PredictionColumn, IProgress<TrainingProgress>? progress = null) =>
        new(model, options, _context.NextSeed("trainers.fine-tune").Derive("init"), pretrained, imageColumn, labelColumn, predictionColumn, progress);
}
