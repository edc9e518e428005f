using MLSeg.Core.Imaging;
using MLSeg.Data;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>autoencoder</c> strategy (<see cref="AutoencoderPretrainer"/>): the encoder learns to reconstruct the
/// training view's images (labels unused) from a noised and/or patch-masked copy; the decoder is discarded.
/// </summary>
public sealed class AutoencoderPretrainingEstimator : ImagePretrainingEstimator
{
    /// <summary>Creates the estimator.</summary>
    public AutoencoderPretrainingEstimator(ModelConfig model, PretrainingOptions options, AutoencoderOptions corruption, SeedSource initSeed,
        string imageColumn = Defaults.ImageColumn)
        : base(model, options, initSeed, imageColumn)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        corruption.Validate();
        Corruption = corruption;
    }

    /// <summary>Input corruption.</summary>
    public AutoencoderOptions Corruption { get; }

    /// <inheritdoc />
    protected override string Strategy => "autoencoder";

    /// <inheritdoc />
    protected override PretrainingResult Train(Encoder encoder, IReadOnlyList<Image2D> images)
    {
        using var pretrainer = new AutoencoderPretrainer(encoder, Options, Corruption);
        return pretrainer.Train(images);
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
