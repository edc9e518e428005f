using MLSeg.Data;
using MLSeg.Models.Contracts;
using MLSeg.Training;
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
}
