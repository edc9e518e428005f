using MLSeg.Core.Imaging;
using Microsoft.ML;
using MLSeg.Data;
using MLSeg.Pipeline;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using MLSeg.Training.Data;
using MLSeg.Training.Pretraining;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.FineTuning;

namespace MLSeg.Training;

/// <summary>
/// Trains a segmentation network (<see cref="ModelFactory.Create"/>, optionally starting from a pretrained encoder)
/// on the training view's image and label columns with <see cref="FineTuneTrainer"/>, and returns a
/// <see cref="SegmentationModelTransformer"/> that adds the prediction column. Only the views given to
/// <see cref="Fit(IDataView)"/> are seen: the training view and, with <see cref="Fit(IDataView, IDataView?)"/>, a
/// validation view for early stopping (like ML.NET's trainers that take <c>Fit(trainData, validationData)</c>, it must
/// have gone through the same fitted preprocessing as the training view). The network starts from a seeded random
/// initialisation, a pretrained encoder (<see cref="Pretrained"/>) or a whole pretrained network
/// (<see cref="PretrainedNetworkPath"/>). Every <see cref="SeededDropout"/> of the network draws from its own stream
/// (<see cref="DropoutSeed"/>), never from libtorch's process-wide generator, so fits running at once stay
/// reproducible; TorchSharp's own <c>Dropout</c> is refused for that reason.
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

    /// <summary>
    /// A whole segmentation network's weights (safetensors, e.g. the <c>segmentation</c> and <c>supervised</c> sources'
    /// cached networks) to start from: every layer is loaded and the classifier head is re-initialised for
    /// <see cref="Model"/>'s class count from the initialisation stream; null: none. Exclusive with <see cref="Pretrained"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Set together with <see cref="Pretrained"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public string? PretrainedNetworkPath
    {
        get => field;
        init
        {
            if (value is not null)
            {
                if (Pretrained is not null)
                {
                    throw new ArgumentException($"The fine-tuning starts either from a pretrained encoder ({Pretrained.Strategy}) or from a whole pretrained network ('{value}'), not both.", nameof(PretrainedNetworkPath));
                }

                if (!File.Exists(value))
                {
                    throw new FileNotFoundException($"Pretrained network weights '{value}' do not exist.", value);
                }
            }

            field = value;
        }
    }

    /// <summary>Seed of the dropout layers' stream (the trainer re-seeds it per epoch); null: <c>InitSeed.Derive("dropout")</c>.</summary>
    public SeedSource? DropoutSeed { get; init; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => Contract.Check(inputSchema);

    // Training reads image and label; the fitted transformer adds the prediction from the image alone.
    private ColumnContract Contract => new([ColumnRequirement.Image(ImageColumn), ColumnRequirement.LabelMap(LabelColumn)],
        typeOf => [new OutputColumn(PredictionColumn, SegmentationModelTransformer.PredictionType(typeOf(ImageColumn)))]);

    /// <inheritdoc />
    public SegmentationModelTransformer Fit(IDataView input) => Fit(input, validation: null);

    /// <summary>
    /// Trains on <paramref name="input"/>; with <paramref name="validation"/> (rows of other patients, preprocessed by
    /// the same fitted transforms as <paramref name="input"/>) the trainer's early stopping watches its Dice.
    /// </summary>
    /// <exception cref="ArgumentException">A validation view without <see cref="FineTuneOptions.EarlyStopping"/>.</exception>
    public SegmentationModelTransformer Fit(IDataView input, IDataView? validation)
    {
        ArgumentNullException.ThrowIfNull(input);
        Contract.Check(input.Schema);
        if (validation is not null)
        {
            Contract.Check(validation.Schema);
            if (Options.EarlyStopping is null)
            {
                throw new ArgumentException("A validation view is only read for early stopping; set FineTuneOptions.EarlyStopping, or fit without one.", nameof(validation));
            }
        }

        var dataset = TrainingViews.Samples(input, ImageColumn, LabelColumn, "fine-tune");
        SegmentationDataset? validationSet = validation is null ? null : TrainingViews.Samples(validation, ImageColumn, LabelColumn, "fine-tune validation");
        using var init = SeededGenerators.Create(InitSeed);
        SegmentationNetwork network = ModelFactory.Create(Model, init);
        using var dropout = SeededGenerators.Create(DropoutSeed ?? InitSeed.Derive("dropout"));
        try
        {
            List<SeededDropout> dropouts = SeedDropout(network, dropout);
            Pretrained?.CopyInto(network, Model);
            if (PretrainedNetworkPath is { } networkWeights)
            {
                // The head is drawn from the initialisation stream after the body, so a seed gives one network.
                WeightTransfer.LoadNetwork(network, networkWeights, resetHeadClasses: Model.NumClasses, headGenerator: init);
            }

            network.to(Options.Device);
            FineTuneResult result = new FineTuneTrainer(Options, Progress).Train(network, dataset, validationSet);
            network.eval();
            foreach (SeededDropout d in dropouts)
            {
                d.Generator = null; // the stream ends with the fit; an evaluated network draws nothing
            }

            return new SegmentationModelTransformer(network, Model, ImageColumn, PredictionColumn, result) { Device = Options.Device };
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    // Gives every SeededDropout without a stream of its own the fit's dropout stream.
    private static List<SeededDropout> SeedDropout(SegmentationNetwork network, Generator generator)
    {
        var seeded = new List<SeededDropout>();
        foreach (var (name, module) in network.named_modules())
        {
            switch (module)
            {
                case SeededDropout { Generator: null } d:
                    d.Generator = generator;
                    seeded.Add(d);
                    break;
                case TorchSharp.Modules.Dropout:
                    throw new NotSupportedException(
                        $"Module '{name}' is TorchSharp's Dropout, which draws from libtorch's process-wide random stream, so the fit would not be " +
                        "reproducible (nor equal when fits run at once); use MLSeg.Models.Layers.SeededDropout.");
            }
        }

        return seeded;
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
