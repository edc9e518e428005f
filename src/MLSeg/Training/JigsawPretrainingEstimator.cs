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
/// The <c>jigsaw</c> strategy (<see cref="JigsawPretrainer"/>): the encoder learns to recognise which permutation
/// shuffled 3×3 tiles of the training view's images (labels unused); the permutation classifier is discarded.
/// </summary>
public sealed class JigsawPretrainingEstimator : ImagePretrainingEstimator
{
    /// <summary>Creates the estimator.</summary>
    public JigsawPretrainingEstimator(ModelConfig model, PretrainingOptions options, JigsawOptions jigsaw, SeedSource initSeed,
        string imageColumn = Defaults.ImageColumn)
        : base(model, options, initSeed, imageColumn)
    {
        ArgumentNullException.ThrowIfNull(jigsaw);
        jigsaw.Validate();
        Jigsaw = jigsaw;
    }

    /// <summary>Puzzle settings.</summary>
    public JigsawOptions Jigsaw { get; }

    /// <inheritdoc />
    protected override string Strategy => "jigsaw";

    /// <inheritdoc />
    protected override PretrainingResult Train(Encoder encoder, IReadOnlyList<Image2D> images)
    {
        using var pretrainer = new JigsawPretrainer(encoder, Options, Jigsaw);
        return pretrainer.Train(images);
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
