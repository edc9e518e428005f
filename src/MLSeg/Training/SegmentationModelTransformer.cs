using System.Text.Json.Nodes;
using MLSeg.Core.Imaging;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLSeg.Data;
using MLSeg.Persistence;
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
public sealed class SegmentationModelTransformer : RowMappingTransformer, IDisposable
{
    /// <summary>The weights file inside a saved folder.</summary>
    public const string WeightsFile = "weights.safetensors";

    /// <summary>Wraps <paramref name="network"/> (taking ownership), built from <paramref name="model"/>.</summary>
    public SegmentationModelTransformer(SegmentationNetwork network, ModelConfig model, string imageColumn, string predictionColumn,
        FineTuneResult? trainingResult = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(imageColumn);
        ArgumentException.ThrowIfNullOrEmpty(predictionColumn);
        InputColumn = imageColumn;
        OutputColumn = predictionColumn;
        Contract = new ColumnContract([ColumnRequirement.Image(imageColumn)],
            typeOf => [new OutputColumn(predictionColumn, PredictionType(typeOf(imageColumn)))]);
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

    /// <summary>The image column read.</summary>
    public string InputColumn { get; }

    /// <summary>The prediction column written.</summary>
    public string OutputColumn { get; }

    internal override ColumnContract Contract { get; }

    internal override string TypeName => "MLSeg.SegmentationModel";

    /// <summary>The prediction column's type: a label map on the image's grid (fixed-size when the images are).</summary>
    internal static DataViewType PredictionType(DataViewType imageType) =>
        imageType is Image2DDataViewType { IsFixedSize: true } fixedSize ? LabelMapDataViewType.FixedSize(fixedSize.Height, fixedSize.Width) : LabelMapDataViewType.Instance;

    internal override object Compute(RowValues row, int output) => SegmentationPredictor.Predict(Network, row.Image(InputColumn), Device);

    /// <summary>Images per forward pass when a cursor reads an in-memory input (<see cref="SegmentationPredictor.DefaultBatchSize"/>).</summary>
    internal override int BatchRows => SegmentationPredictor.DefaultBatchSize;

    internal override IReadOnlyList<object> ComputeRows(DataViewRowCursor lookahead, int count, int output)
    {
        var reader = new RowValues(lookahead);
        var images = new List<Image2D>(count);
        while (images.Count < count && lookahead.MoveNext())
        {
            images.Add(reader.Image(InputColumn));
        }

        return [.. SegmentationPredictor.PredictBatch(Network, images, Device, count)];
    }

    internal override JsonObject SaveTo(string directory)
    {
        StateDicts.Save(Network, Path.Combine(directory, WeightsFile));
        return new JsonObject { ["image"] = InputColumn, ["prediction"] = OutputColumn, ["model"] = ModelConfigJson.Write(Model) };
    }

    /// <summary>Loads a step saved by <see cref="SaveTo"/> onto the CPU.</summary>
    internal static SegmentationModelTransformer Load(string directory, StepParameters p)
    {
        ModelConfig model = ModelConfigJson.Read(p.Node("model"), p.Source);

        // A fixed generator: the initial values are overwritten, and the global libtorch generator stays untouched.
        using var init = new Generator(0UL);
        SegmentationNetwork network = ModelFactory.Create(model, init);
        try
        {
            StateDicts.Load(network, Path.Combine(directory, WeightsFile), strict: true);
            network.eval();
            return new SegmentationModelTransformer(network, model, p.String("image"), p.String("prediction"));
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
