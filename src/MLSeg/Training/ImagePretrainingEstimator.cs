using MLSeg.Core.Imaging;
using Microsoft.ML;
using MLSeg.Pipeline;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// Shared shape of the self-supervised strategies that pretrain an encoder on the training view's images alone
/// (labels unused): validate the image column, build the encoder from <see cref="Model"/> with the seeded
/// initialisation, run the strategy's trainer, and hand the encoder to a <see cref="PretrainedEncoderTransformer"/>.
/// </summary>
public abstract class ImagePretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    /// <summary>Validates and stores the settings every image-only strategy shares.</summary>
    protected ImagePretrainingEstimator(ModelConfig model, PretrainingOptions options, SeedSource initSeed, string imageColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        options.Validate();
        Model = model;
        Options = options;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
    }

    /// <summary>The network config whose encoder is pretrained.</summary>
    public ModelConfig Model { get; }

    /// <summary>Optimisation settings.</summary>
    public PretrainingOptions Options { get; }

    /// <summary>Seed of the encoder's initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The image column read.</summary>
    public string ImageColumn { get; }

    /// <summary>The strategy's name as specs and results spell it (<c>autoencoder</c>, <c>jigsaw</c>).</summary>
    protected abstract string Strategy { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => PretrainedEncoderTransformer.ContractFor(ImageColumn).Check(inputSchema);

    /// <inheritdoc />
    public PretrainedEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        PretrainedEncoderTransformer.ContractFor(ImageColumn).Check(input.Schema);
        List<Image2D> images = TrainingViews.Images(input, ImageColumn, $"{Strategy} pretraining");
        using var init = SeededGenerators.Create(InitSeed);
        Encoder encoder = ModelFactory.CreateEncoder(Model, init);
        try
        {
            PretrainingResult result = Train(encoder, images);
            return new PretrainedEncoderTransformer(encoder, Model, Strategy, ImageColumn, result);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Trains <paramref name="encoder"/> in place on <paramref name="images"/>.</summary>
    protected abstract PretrainingResult Train(Encoder encoder, IReadOnlyList<Image2D> images);
}
