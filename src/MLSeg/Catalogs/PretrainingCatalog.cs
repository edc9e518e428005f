using MLSeg.Models.Contracts;
using MLSeg.Training;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;

namespace MLSeg.Catalogs;

/// <summary>
/// Encoder pretraining strategies (<c>ctx.Pretraining</c>); each fits to a <see cref="PretrainedEncoderTransformer"/>
/// for <c>ctx.Trainers.FineTune(..., pretrained: encoder)</c>. Seeds derive from the context.
/// </summary>
public sealed class PretrainingCatalog
{
    private readonly SegContext _context;

    internal PretrainingCatalog(SegContext context) => _context = context;

    /// <summary>No pretraining: a seeded random initialisation of <paramref name="model"/>'s encoder.</summary>
    public NoPretrainingEstimator None(ModelConfig model, string imageColumn = AutoencoderPretrainingEstimator.Defaults.ImageColumn) =>
        new(model, _context.NextSeed("pretraining.none"), imageColumn);

    /// <summary>Denoising (and optionally masked) autoencoder pretraining on the training view's images.</summary>
    public AutoencoderPretrainingEstimator Autoencoder(ModelConfig model, int epochs = AutoencoderPretrainingEstimator.Defaults.Epochs,
        int batchSize = AutoencoderPretrainingEstimator.Defaults.BatchSize, double learningRate = AutoencoderPretrainingEstimator.Defaults.LearningRate,
        double noiseStd = AutoencoderPretrainingEstimator.Defaults.NoiseStd, double maskProbability = AutoencoderPretrainingEstimator.Defaults.MaskProbability,
        string imageColumn = AutoencoderPretrainingEstimator.Defaults.ImageColumn)
    {
        var seed = _context.NextSeed("pretraining.autoencoder");
        var options = new PretrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed.Derive("train") };
        return new AutoencoderPretrainingEstimator(model, options, new AutoencoderOptions { NoiseStd = noiseStd, MaskProbability = maskProbability },
            seed.Derive("init"), imageColumn);
    }

    /// <summary>Autoencoder pretraining with full options (their seed is used as given).</summary>
    public AutoencoderPretrainingEstimator Autoencoder(ModelConfig model, PretrainingOptions options, AutoencoderOptions corruption,
        string imageColumn = AutoencoderPretrainingEstimator.Defaults.ImageColumn) =>
        new(model, options, corruption, _context.NextSeed("pretraining.autoencoder").Derive("init"), imageColumn);

    /// <summary>Jigsaw-puzzle pretraining on the training view's images.</summary>
    public JigsawPretrainingEstimator Jigsaw(ModelConfig model, int epochs = JigsawPretrainingEstimator.Defaults.Epochs,
        int batchSize = JigsawPretrainingEstimator.Defaults.BatchSize, double learningRate = JigsawPretrainingEstimator.Defaults.LearningRate,
        int tileSize = JigsawPretrainingEstimator.Defaults.TileSize, int permutationCount = JigsawPretrainingEstimator.Defaults.PermutationCount,
        string imageColumn = JigsawPretrainingEstimator.Defaults.ImageColumn)
    {
        var seed = _context.NextSeed("pretraining.jigsaw");
        var options = new PretrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed.Derive("train") };
        return new JigsawPretrainingEstimator(model, options, new JigsawOptions { TileSize = tileSize, PermutationCount = permutationCount },
            seed.Derive("init"), imageColumn);
    }

    /// <summary>Jigsaw pretraining with full options (their seed is used as given).</summary>
    public JigsawPretrainingEstimator Jigsaw(ModelConfig model, PretrainingOptions options, JigsawOptions jigsaw,
        string imageColumn = JigsawPretrainingEstimator.Defaults.ImageColumn) =>
        new(model, options, jigsaw, _context.NextSeed("pretraining.jigsaw").Derive("init"), imageColumn);
}
