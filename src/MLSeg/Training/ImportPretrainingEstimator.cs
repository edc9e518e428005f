using Microsoft.ML;
using MLSeg.Core.Randomness;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Pipeline;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The <c>import</c> strategy: encoder weights from a safetensors file (e.g. a PyTorch or torchvision export, renamed
/// and filtered by <see cref="ImportOptions"/>), reading no data — Fit only checks the image column. Encoder parameters
/// the file lacks keep a seeded initialisation when <see cref="ImportOptions.AllowMissing"/> allows it.
/// </summary>
public sealed class ImportPretrainingEstimator : IEstimator<PretrainedEncoderTransformer>
{
    internal ImportPretrainingEstimator(ModelConfig model, string weightsPath, ImportOptions options, SeedSource initSeed, string imageColumn)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(weightsPath);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"Encoder weights '{weightsPath}' to import do not exist.", weightsPath);
        }

        Model = model;
        WeightsPath = Path.GetFullPath(weightsPath);
        Options = options;
        InitSeed = initSeed;
        ImageColumn = imageColumn;
    }

    /// <summary>The network config whose encoder receives the weights.</summary>
    public ModelConfig Model { get; }

    /// <summary>The safetensors file read.</summary>
    public string WeightsPath { get; }

    /// <summary>Renames, prefix stripping and strictness of the import.</summary>
    public ImportOptions Options { get; }

    /// <summary>Seed of the initial weights (kept where the file has no value and missing ones are allowed).</summary>
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
        Encoder encoder = ModelFactory.CreateEncoder(Model, init);
        try
        {
            WeightTransfer.Import(encoder, WeightsPath, Options);
            return new PretrainedEncoderTransformer(encoder, Model, "import", ImageColumn);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
