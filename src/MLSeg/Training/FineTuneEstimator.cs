using MLSeg.Core.Imaging;
using Microsoft.ML;
using MLSeg.Data;
using MLSeg.Pipeline;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.FineTuning;

namespace MLSeg.Training;

/// <summary>
/// Trains a segmentation network (<see cref="ModelFactory.Create"/>, optionally starting from a pretrained encoder)
/// on the training view's image and label columns with <see cref="FineTuneTrainer"/>, and returns a
/// <see cref="SegmentationModelTransformer"/> that adds the prediction column. Only the view given to
/// <see cref="Fit"/> is seen (the training fold).
/// </summary>
public sealed class FineTuneEstimator : IEstimator<SegmentationModelTransformer>
{
    /// <summary>Creates the estimator.</summary>
    /// <param name="model">The network to build.</param>
    /// <param name="options">The trainer's options (their <see cref="FineTuneOptions.Seed"/> drives shuffling and augmentation).</param>
    /// <param name="initSeed">Seed of the network's initial weights.</param>
    /// <param name="pretrained">Encoder weights to start from, or null for random initialisation.</param>
    /// <param name="imageColumn">Image column.</param>
    /// <param name="labelColumn">Label column (training targets; label values must be &lt; <see cref="ModelConfig.NumClasses"/>).</param>
    /// <param name="predictionColumn">Column the transformer adds.</param>
    /// <param name="progress">Receives the trainer's step and epoch events, or null.</param>
    public FineTuneEstimator(ModelConfig model, FineTuneOptions options, SeedSource initSeed, PretrainedEncoderTransformer? pretrained = null,
        string imageColumn = Defaults.ImageColumn, string labelColumn = Defaults.LabelColumn, string predictionColumn = Defaults.PredictionColumn,
        IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        ArgumentException.ThrowIfNullOrEmpty(predictionColumn);
        options.Validate(model.NumClasses);
        if (pretrained is not null && ModelConfigJson.EncoderPart(pretrained.Model) != ModelConfigJson.EncoderPart(model))
        {
            throw new ArgumentException(
                $"The pretrained encoder was built from {ModelConfigJson.EncoderPart(pretrained.Model)}; this network is {ModelConfigJson.EncoderPart(model)}.",
                nameof(pretrained));
        }

        Model = model;
        Options = options;
        InitSeed = initSeed;
        Pretrained = pretrained;
        ImageColumn = imageColumn;
        LabelColumn = labelColumn;
        PredictionColumn = predictionColumn;
        Progress = progress;
    }

    /// <summary>The network config.</summary>
    public ModelConfig Model { get; }

    /// <summary>The trainer's options.</summary>
    public FineTuneOptions Options { get; }

    /// <summary>Seed of the initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The encoder to start from, or null.</summary>
    public PretrainedEncoderTransformer? Pretrained { get; }

    /// <summary>Image column.</summary>
    public string ImageColumn { get; }

    /// <summary>Label column.</summary>
    public string LabelColumn { get; }

    /// <summary>Prediction column.</summary>
    public string PredictionColumn { get; }

    /// <summary>Progress sink, or null.</summary>
    public IProgress<TrainingProgress>? Progress { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Contract.Check(inputSchema);

    // Training reads image and label; the fitted transformer adds the prediction from the image alone.
    private ColumnContract Contract => new([ColumnRequirement.Image(ImageColumn), ColumnRequirement.LabelMap(LabelColumn)],
        typeOf => [new OutputColumn(PredictionColumn, SegmentationModelTransformer.PredictionType(typeOf(ImageColumn)))]);

    /// <inheritdoc />
    public SegmentationModelTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Contract.Check(input.Schema);
        var dataset = TrainingViews.Samples(input, ImageColumn, LabelColumn, "fine-tune");
        using var init = SeededGenerators.Create(InitSeed);
        SegmentationNetwork network = ModelFactory.Create(Model, init);
        try
        {
            Pretrained?.CopyInto(network, Model);
            FineTuneResult result = new FineTuneTrainer(Options, Progress).Train(network, dataset);
            network.eval();
            return new SegmentationModelTransformer(network, Model, ImageColumn, PredictionColumn, result) { Device = Options.Device };
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Default values of <c>ctx.Trainers.FineTune</c>.</summary>
    public static class Defaults
    {
        /// <summary>The well-known image column.</summary>
        public const string ImageColumn = WellKnownColumns.Image;

        /// <summary>The well-known label column.</summary>
        public const string LabelColumn = WellKnownColumns.Label;

        /// <summary>The prediction column.</summary>
        public const string PredictionColumn = WellKnownColumns.Prediction;

        /// <summary>Epochs of the single training phase.</summary>
        public const int Epochs = 10;

        /// <summary>Learning rate of every layer (Adam).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Samples per step.</summary>
        public const int BatchSize = 4;
    }
}
