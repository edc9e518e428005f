using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>jigsaw</c> strategy (<see cref="JigsawPretrainer"/>): the encoder learns to recognise which permutation
/// shuffled 3×3 tiles of the training view's images (labels unused); the permutation classifier is discarded.
/// </summary>
public sealed class JigsawPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    /// <summary>Creates the estimator.</summary>
    public JigsawPretrainingEstimator(ModelConfig model, PretrainingOptions options, JigsawOptions jigsaw, SeedSource initSeed,
        string imageColumn = Defaults.ImageColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(jigsaw);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        options.Validate();
        jigsaw.Validate();
        Model = model;
        Options = options;
        Jigsaw = jigsaw;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
    }

    /// <summary>The network config whose encoder is pretrained.</summary>
    public ModelConfig Model { get; }

    /// <summary>Optimisation settings.</summary>
    public PretrainingOptions Options { get; }

    /// <summary>Puzzle settings.</summary>
    public JigsawOptions Jigsaw { get; }

    /// <summary>Seed of the encoder's initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The image column read.</summary>
    public string ImageColumn { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(ImageColumn, typeof(Image2D));
        return inputSchema;
    }

    /// <inheritdoc />
    public PretrainedEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        List<Image2D> images = TrainingViews.Images(input, ImageColumn, "jigsaw pretraining");
        using var init = new Generator(InitSeed);
        Encoder encoder = ModelFactory.CreateEncoder(Model, init);
        try
        {
            using var pretrainer = new JigsawPretrainer(encoder, Options, Jigsaw);
            PretrainingResult result = pretrainer.Train(images);
            return new PretrainedEncoderTransformer(encoder, Model, "jigsaw", ImageColumn, result);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Default values of <c>ctx.Pretraining.Jigsaw</c>.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string ImageColumn = WellKnownColumns.Image;

        /// <summary>Passes over the images.</summary>
        public const int Epochs = 10;

        /// <summary>Samples per step.</summary>
        public const int BatchSize = 16;

        /// <summary>Learning rate (AdamW).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Permutation classes.</summary>
        public const int PermutationCount = 100;

        /// <summary>Tile side in pixels (must be below a third of the image side and divisible by the encoder's divisor).</summary>
        public const int TileSize = 64;
    }
}
