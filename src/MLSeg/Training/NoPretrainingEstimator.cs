using Microsoft.ML;
using MLSeg.Data;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training;

/// <summary>
/// The <c>none</c> strategy: a randomly initialised encoder (seeded), the baseline every pretraining is compared with.
/// Fitting reads no data (it only checks the schema).
/// </summary>
public sealed class NoPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    /// <summary>Builds the encoder of <paramref name="model"/> from <paramref name="initSeed"/>.</summary>
    public NoPretrainingEstimator(ModelConfig model, SeedSource initSeed, string imageColumn = WellKnownColumns.Image)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        Model = model;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
    }

    /// <summary>The network config whose encoder is built.</summary>
    public ModelConfig Model { get; }

    /// <summary>Seed of the initial weights.</summary>
    public SeedSource InitSeed { get; }

    /// <summary>The image column (checked, not read).</summary>
    public string ImageColumn { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => PretrainedEncoderTransformer.ContractFor(ImageColumn).Check(inputSchema);

    /// <inheritdoc />
    public PretrainedEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        PretrainedEncoderTransformer.ContractFor(ImageColumn).Check(input.Schema);
        using var init = SeededGenerators.Create(InitSeed);
        return new PretrainedEncoderTransformer(ModelFactory.CreateEncoder(Model, init), Model, "none", ImageColumn);
    }
}
