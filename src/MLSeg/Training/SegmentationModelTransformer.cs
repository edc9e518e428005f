using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using MLSeg.Core.Pipeline;
using MLSeg.Models;
using MLSeg.Models.Contracts;
using MLSeg.Pipeline;
using MLSeg.Models.Engine;
using TorchSharp;
using static TorchSharp.torch;
using MLSeg.Training.FineTuning;

namespace MLSeg.Training;

/// <summary>
/// A trained segmentation network as a transformer: adds a prediction <see cref="LabelMap"/> column (argmax of the
/// logits, <see cref="SegmentationPredictor"/>) computed from the image column. Saved as <c>weights.safetensors</c>
/// (the whole network's state dict) + <c>transformer.json</c> (ModelConfig and columns). Owns the network.
/// </summary>
public sealed class SegmentationModelTransformer : ColumnMapTransformer<Image2D, LabelMap>, IDisposable
{
    /// <summary>The type name in <c>transformer.json</c>.</summary>
    public const string TypeName = "MLSeg.SegmentationModel";

    /// <summary>The weights file inside a saved folder.</summary>
    public const string WeightsFile = "weights.safetensors";

    /// <summary>Wraps <paramref name="network"/> (taking ownership), built from <paramref name="model"/>.</summary>
    public SegmentationModelTransformer(SegmentationNetwork network, ModelConfig model, string imageColumn, string predictionColumn,
        FineTuneResult? trainingResult = null)
        : base(imageColumn, predictionColumn)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(model);
        Network = network;
        Model = model;
        TrainingResult = trainingResult;
    }

    /// <summary>The network (owned).</summary>
    public SegmentationNetwork Network { get; }

    /// <summary>The config the network was built from.</summary>
    public ModelConfig Model { get; }

    /// <summary>What fine-tuning did (epochs, per-epoch log); null for a loaded transformer.</summary>
    public FineTuneResult? TrainingResult { get; }

    /// <summary>The device predictions run on (where the network lives).</summary>
    public Device Device { get; init; } = torch.CPU;

    /// <inheritdoc />
    protected override LabelMap Map(Image2D value, DataRow row) => SegmentationPredictor.Predict(Network, value, Device);

    /// <inheritdoc />
    public override void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        StateDicts.Save(Network, Path.Combine(directory, WeightsFile));
        new TransformerManifest(TypeName, 1, new JsonObject
        {
            ["image"] = InputColumn,
            ["prediction"] = OutputColumn,
            ["model"] = ModelConfigJson.Write(Model),
        }).Write(directory);
    }

    /// <summary>Loads a transformer saved by <see cref="Save"/> onto the CPU.</summary>
    public static SegmentationModelTransformer LoadFrom(string directory, TransformerManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        manifest.RequireVersion(1);
        ModelConfig model = ModelConfigJson.Read(manifest.Parameters["model"], Path.Combine(directory, TransformerManifest.FileName));

        // A fixed generator: the initial values are overwritten, and the global libtorch generator stays untouched.
        using var init = new Generator(0UL);
        SegmentationNetwork network = ModelFactory.Create(model, init);
        try
        {
            StateDicts.Load(network, Path.Combine(directory, WeightsFile), strict: true);
            network.eval();
            return new SegmentationModelTransformer(network, model, manifest.GetString("image"), manifest.GetString("prediction"));
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose() => Network.Dispose();
}
