using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.Pretraining;

namespace MLSeg.Training;

/// <summary>
/// The result of a pretraining estimator: an encoder (and the <see cref="ModelConfig"/> it was built from) for
/// <c>ctx.Trainers.FineTune(..., pretrained: this)</c>. As a transformer it passes the view through unchanged (it only
/// checks the image column), so it can sit in a chain; it saves as <c>encoder.safetensors</c> + <c>transformer.json</c>.
/// Owns the encoder: dispose it when done.
/// </summary>
public sealed class PretrainedEncoderTransformer : ISavableTransformer, IDisposable
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.PretrainedEncoder";

    /// <summary>The weights file inside a saved folder.</summary>
    public const string WeightsFile = "encoder.safetensors";

    /// <summary>Wraps <paramref name="encoder"/> (taking ownership) built from <paramref name="model"/>.</summary>
    public PretrainedEncoderTransformer(Encoder encoder, ModelConfig model, string strategy, string imageColumn, PretrainingResult? result = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(strategy);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        Encoder = encoder;
        Model = model;
        Strategy = strategy;
        ImageColumn = imageColumn;
        Result = result;
    }

    /// <summary>The encoder (owned).</summary>
    public Encoder Encoder { get; }

    /// <summary>The config the encoder was built from; a fine-tuned network must match it in every encoder field.</summary>
    public ModelConfig Model { get; }

    /// <summary>The strategy that produced the weights: <c>none</c>, <c>autoencoder</c>, <c>jigsaw</c>.</summary>
    public string Strategy { get; }

    /// <summary>The image column the pretraining read.</summary>
    public string ImageColumn { get; }

    /// <summary>Per-epoch losses of the pretraining run; null for <c>none</c> and for a loaded transformer.</summary>
    public PretrainingResult? Result { get; }

    /// <inheritdoc />
    public DataSchema GetOutputSchema(DataSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        inputSchema.Require(ImageColumn, typeof(Image2D));
        return inputSchema;
    }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        return input;
    }

    /// <summary>Copies the encoder's weights into <paramref name="network"/>'s encoder; the configs must agree on every encoder field.</summary>
    /// <exception cref="ArgumentException">The network was built from a config with another encoder.</exception>
    public void CopyInto(SegmentationNetwork network, ModelConfig networkModel)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(networkModel);
        if (ModelConfigJson.EncoderPart(networkModel) != ModelConfigJson.EncoderPart(Model))
        {
            throw new ArgumentException(
                $"The pretrained encoder ({Strategy}) was built from {ModelConfigJson.EncoderPart(Model)}; the network to fine-tune has {ModelConfigJson.EncoderPart(networkModel)}. " +
                "Pretrain with the same ModelConfig (classes and upsampling may differ).", nameof(networkModel));
        }

        using var scope = torch.NewDisposeScope();
        StateDicts.Load(network.Encoder, StateDicts.Of(Encoder), strict: true);
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        WeightTransfer.SaveEncoder(Encoder, Path.Combine(directory, WeightsFile), new Dictionary<string, string> { ["strategy"] = Strategy });
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["strategy"] = Strategy,
            ["image"] = ImageColumn,
            ["model"] = ModelConfigJson.Write(Model),
        }).Write(directory);
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/>.</summary>
    public static PretrainedEncoderTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        ModelConfig model = ModelConfigJson.Read(manifest.Parameters["model"], Path.Combine(directory, TransformerManifest.FileName));

        // A fixed generator: the initial values are overwritten, and the global libtorch generator stays untouched.
        using var init = new Generator(0UL);
        Encoder encoder = ModelFactory.CreateEncoder(model, init);
        try
        {
            WeightTransfer.LoadEncoder(encoder, Path.Combine(directory, WeightsFile));
            return new PretrainedEncoderTransformer(encoder, model, manifest.GetString("strategy"), manifest.GetString("image"));
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Releases the encoder's native tensors.</summary>
    public void Dispose() => Encoder.Dispose();
}
