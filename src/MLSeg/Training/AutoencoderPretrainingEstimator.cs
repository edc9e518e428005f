using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>autoencoder</c> strategy (<see cref="AutoencoderPretrainer"/>): the encoder learns to reconstruct the
/// training view's images (labels unused) from a noised and/or patch-masked copy; the decoder is discarded.
/// </summary>
public sealed class AutoencoderPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    /// <summary>Creates the estimator.</summary>
    public AutoencoderPretrainingEstimator(ModelConfig model, PretrainingOptions options, AutoencoderOptions corruption, SeedSource initSeed,
        string imageColumn = Defaults.ImageColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(corruption);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        options.Validate();
        corruption.Validate();
        Model = model;
        Options = options;
        Corruption = corruption;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
    }

    /// <summary>The network config whose encoder is pretrained.</summary>
    public ModelConfig Model { get; }

    /// <summary>Optimisation settings.</summary>
    public PretrainingOptions Options { get; }

    /// <summary>Input corruption.</summary>
    public AutoencoderOptions Corruption { get; }

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
        List<Image2D> images = TrainingViews.Images(input, ImageColumn, "autoencoder pretraining");
        using var init = new Generator(InitSeed);
        Encoder encoder = ModelFactory.CreateEncoder(Model, init);
        try
        {
            using var pretrainer = new AutoencoderPretrainer(encoder, Options, Corruption);
            PretrainingResult result = pretrainer.Train(images);
            return new PretrainedEncoderTransformer(encoder, Model, "autoencoder", ImageColumn, result);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Default values of <c>ctx.Pretraining.Autoencoder</c>.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string ImageColumn = WellKnownColumns.Image;

        /// <summary>Passes over the images.</summary>
        public const int Epochs = 10;

        /// <summary>Samples per step.</summary>
        public const int BatchSize = 8;

        /// <summary>Learning rate (AdamW).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Gaussian noise standard deviation, in the images' units (suits images windowed to [0, 1]).</summary>
        public const double NoiseStd = 0.1;

        /// <summary>Probability of zeroing each patch (0: no masking).</summary>
        public const double MaskProbability = 0;
    }
}
