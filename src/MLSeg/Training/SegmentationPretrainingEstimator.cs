using Microsoft.ML;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Pipeline;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.FineTuning;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>segmentation</c> and <c>supervised</c> strategies (<see cref="SegmentationPretrainer"/>): a whole segmentation
/// network is trained on a labelled source view (another task or domain for <c>segmentation</c>, a labelled cohort of
/// the same kind for <c>supervised</c>; <see cref="SourceModel"/> has the source's class count), and its encoder is kept.
/// </summary>
public sealed class SegmentationPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    private readonly ColumnContract _contract;

    internal SegmentationPretrainingEstimator(string strategy, ModelConfig sourceModel, FineTuneOptions options, SeedSource initSeed, string imageColumn, string labelColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(strategy);
        ArgumentNullException.ThrowIfNull(sourceModel);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        options.Validate(sourceModel.NumClasses);
        Strategy = strategy;
        SourceModel = sourceModel;
        Options = options;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
        LabelColumn = labelColumn;
        _contract = new ColumnContract([ColumnRequirement.Image(imageColumn), ColumnRequirement.LabelMap(labelColumn)], _ => []);
    }

    /// <summary><c>segmentation</c> or <c>supervised</c>, as specs and results spell it.</summary>
    public string Strategy { get; }

    /// <summary>The source network (its encoder fields must match the target network's; classes may differ).</summary>
    public ModelConfig SourceModel { get; }

    /// <summary>The source training's options (their seed drives shuffling and augmentation).</summary>
    public FineTuneOptions Options { get; }

    /// <summary>Seed of the source network's initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The image column read.</summary>
    public string ImageColumn { get; }

    /// <summary>The label column read (source labels &lt; the source model's class count).</summary>
    public string LabelColumn { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _contract.Check(inputSchema);

    /// <inheritdoc />
    public PretrainedEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _contract.Check(input.Schema);
        var dataset = TrainingViews.Samples(input, ImageColumn, LabelColumn, $"{Strategy} pretraining");
        using var init = SeededGenerators.Create(InitSeed);
        using SegmentationNetwork network = ModelFactory.Create(SourceModel, init);
        SegmentationPretrainer.Train(network, dataset, Options);
        return PretrainedEncoderTransformer.CopyOfEncoder(network, SourceModel, Strategy, ImageColumn);
    }
}
