using MLSeg.Data;
using MLSeg.Models.Contracts;
using MLSeg.Training;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;

namespace MLSeg;

/// <summary>
/// Encoder pretraining strategies (<c>ml.Segmentation().Pretraining</c>); each fits to a
/// <see cref="PretrainedEncoderTransformer"/> for <c>Trainers.UNet(..., pretrained: encoder)</c>. Seeds derive from the MLContext.
/// </summary>
public sealed class SegmentationPretrainingCatalog
{
    private readonly SegmentationCatalog _catalog;

    internal SegmentationPretrainingCatalog(SegmentationCatalog catalog) => _catalog = catalog;

    /// <summary>No pretraining: a seeded random initialisation of <paramref name="model"/>'s encoder (the baseline).</summary>
    public NoPretrainingEstimator None(ModelConfig model, string imageColumnName = WellKnownColumns.Image) =>
        new(model, _catalog.NextSeed("pretraining.none"), imageColumnName);

    /// <summary>Denoising (and optionally masked) autoencoder pretraining on the training view's images.</summary>
    public AutoencoderPretrainingEstimator Autoencoder(ModelConfig model, int epochs = AutoencoderPretrainingEstimator.Defaults.Epochs,
        int batchSize = AutoencoderPretrainingEstimator.Defaults.BatchSize, double learningRate = AutoencoderPretrainingEstimator.Defaults.LearningRate,
        double noiseStd = AutoencoderPretrainingEstimator.Defaults.NoiseStd, double maskProbability = AutoencoderPretrainingEstimator.Defaults.MaskProbability,
        string imageColumnName = WellKnownColumns.Image)
    {
        var seed = _catalog.NextSeed("pretraining.autoencoder");
        var options = new PretrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed.Derive("train") };
        return new AutoencoderPretrainingEstimator(model, options, new AutoencoderOptions { NoiseStd = noiseStd, MaskProbability = maskProbability },
            seed.Derive("init"), imageColumnName);
    }

    /// <summary>Autoencoder pretraining with full options (their seed is used as given).</summary>
    public AutoencoderPretrainingEstimator Autoencoder(ModelConfig model, PretrainingOptions options, AutoencoderOptions corruption,
        string imageColumnName = WellKnownColumns.Image) =>
        new(model, options, corruption, _catalog.NextSeed("pretraining.autoencoder").Derive("init"), imageColumnName);

    /// <summary>Jigsaw-puzzle pretraining on the training view's images.</summary>
    public JigsawPretrainingEstimator Jigsaw(ModelConfig model, int epochs = JigsawPretrainingEstimator.Defaults.Epochs,
        int batchSize = JigsawPretrainingEstimator.Defaults.BatchSize, double learningRate = JigsawPretrainingEstimator.Defaults.LearningRate,
        int tileSize = JigsawPretrainingEstimator.Defaults.TileSize, int permutationCount = JigsawPretrainingEstimator.Defaults.PermutationCount,
        string imageColumnName = WellKnownColumns.Image)
    {
        var seed = _catalog.NextSeed("pretraining.jigsaw");
        var options = new PretrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed.Derive("train") };
        return new JigsawPretrainingEstimator(model, options, new JigsawOptions { TileSize = tileSize, PermutationCount = permutationCount },
            seed.Derive("init"), imageColumnName);
    }

    /// <summary>Jigsaw pretraining with full options (their seed is used as given).</summary>
    public JigsawPretrainingEstimator Jigsaw(ModelConfig model, PretrainingOptions options, JigsawOptions jigsaw,
        string imageColumnName = WellKnownColumns.Image) =>
        new(model, options, jigsaw, _catalog.NextSeed("pretraining.jigsaw").Derive("init"), imageColumnName);

    /// <summary>
    /// Classification pretraining: the encoder learns to classify the training view's images by the text column
    /// <paramref name="classColumnName"/> (a natural-image source's <c>class</c>, as <c>ml.Data.LoadManifest</c> reads it).
    /// </summary>
    public ClassificationPretrainingEstimator Classification(ModelConfig model, int epochs = 10, int batchSize = 16, double learningRate = 1e-3,
        string imageColumnName = WellKnownColumns.Image, string classColumnName = ManifestColumns.Class)
    {
        var seed = _catalog.NextSeed("pretraining.classification");
        var options = new PretrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed.Derive("train") };
        return new ClassificationPretrainingEstimator(model, options, seed.Derive("init"), imageColumnName, classColumnName);
    }

    /// <summary>
    /// Segmentation pretraining: a whole network (<paramref name="sourceModel"/>, with the source task's class count) is
    /// trained on a labelled source view of another task or domain, and its encoder is kept.
    /// </summary>
    public SegmentationPretrainingEstimator Segmentation(ModelConfig sourceModel, int epochs = 10, int batchSize = 4, double learningRate = 1e-3,
        string imageColumnName = WellKnownColumns.Image, string labelColumnName = WellKnownColumns.Label) =>
        SourceSegmentation("segmentation", sourceModel, epochs, batchSize, learningRate, imageColumnName, labelColumnName);

    /// <summary>Supervised pretraining: as <see cref="Segmentation"/>, on a labelled source cohort of the same kind (e.g. another scanner or field strength).</summary>
    public SegmentationPretrainingEstimator Supervised(ModelConfig sourceModel, int epochs = 10, int batchSize = 4, double learningRate = 1e-3,
        string imageColumnName = WellKnownColumns.Image, string labelColumnName = WellKnownColumns.Label) =>
        SourceSegmentation("supervised", sourceModel, epochs, batchSize, learningRate, imageColumnName, labelColumnName);

    /// <summary>Encoder weights imported from a safetensors file (<paramref name="options"/>: renames, prefix stripping, strictness; default strict).</summary>
    public ImportPretrainingEstimator Import(ModelConfig model, string weightsPath, ImportOptions? options = null, string imageColumnName = WellKnownColumns.Image) =>
        new(model, weightsPath, options ?? ImportOptions.Strict, _catalog.NextSeed("pretraining.import").Derive("init"), imageColumnName);

    private SegmentationPretrainingEstimator SourceSegmentation(string strategy, ModelConfig sourceModel, int epochs, int batchSize, double learningRate,
        string imageColumnName, string labelColumnName)
    {
        var seed = _catalog.NextSeed("pretraining." + strategy);
        var options = new FineTuneOptions
        {
            Phases = [new TrainingPhase("pretrain", epochs, learningRate, learningRate)],
            BatchSize = batchSize,
            Seed = seed.Derive("train"),
        };
        return new SegmentationPretrainingEstimator(strategy, sourceModel, options, seed.Derive("init"), imageColumnName, labelColumnName);
    }
}
