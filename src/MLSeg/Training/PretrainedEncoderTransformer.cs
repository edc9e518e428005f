using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Persistence;
using MLSeg.Pipeline;
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
public sealed class PretrainedEncoderTransformer : RowMappingTransformer, IDisposable
{
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
        Contract = ContractFor(imageColumn);
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

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.PretrainedEncoder";

    /// <summary>Reads (checks) the image column, adds nothing.</summary>
    internal static ColumnContract ContractFor(string imageColumn) => new([ColumnRequirement.Image(imageColumn)], _ => []);

    internal override object Compute(RowValues row, int output) => throw new InvalidOperationException("A pretrained encoder adds no columns.");

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

    /// <summary>A transformer owning a copy of <paramref name="network"/>'s encoder (the network stays the caller's).</summary>
    internal static PretrainedEncoderTransformer CopyOfEncoder(SegmentationNetwork network, ModelConfig model, string strategy, string imageColumn,
        PretrainingResult? result = null)
    {
        // A fixed generator: the initial values are overwritten, and the global libtorch generator stays untouched.
        using var init = new Generator(0UL);
        Encoder encoder = ModelFactory.CreateEncoder(model, init);
        try
        {
            using (var scope = torch.NewDisposeScope())
            {
                StateDicts.Load(encoder, StateDicts.Of(network.Encoder), strict: true);
            }

            return new PretrainedEncoderTransformer(encoder, model, strategy, imageColumn, result);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    internal override JsonObject SaveTo(string directory)
    {
        WeightTransfer.SaveEncoder(Encoder, Path.Combine(directory, WeightsFile), new Dictionary<string, string> { ["strategy"] = Strategy });
        return new JsonObject { ["strategy"] = Strategy, ["image"] = ImageColumn, ["model"] = ModelConfigJson.Write(Model) };
    }

    internal static PretrainedEncoderTransformer Load(string directory, StepParameters p)
    {
        ModelConfig model = ModelConfigJson.Read(p.Node("model"), p.Source);

        // A fixed generator: the initial values are overwritten, and the global libtorch generator stays untouched.
        using var init = new Generator(0UL);
        Encoder encoder = ModelFactory.CreateEncoder(model, init);
        try
        {
            WeightTransfer.LoadEncoder(encoder, Path.Combine(directory, WeightsFile));
            return new PretrainedEncoderTransformer(encoder, model, p.String("strategy"), p.String("image"));
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
