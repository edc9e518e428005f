using MLSeg.Core.Imaging;
using MLSeg.Models.Contracts;
using MLSeg.Onnx.Export;
using MLSeg.Training.FineTuning;

namespace MLSeg.Prediction;

/// <summary>A <see cref="ModelCheckpoint"/> (.safetensors) run by libtorch through TorchSharp on the CPU.</summary>
internal sealed class TorchPredictionEngine : IPredictionEngine
{
    private readonly SegmentationNetwork _network;

    public TorchPredictionEngine(string path)
    {
        ModelCheckpointContent checkpoint = ModelCheckpoint.Load(path);
        _network = checkpoint.Network;
        Metadata = checkpoint.Metadata;
        InChannels = (int)checkpoint.Network.Encoder.InChannels;
        NumClasses = (int)checkpoint.Network.NumClasses;
    }

    public string Name => "libtorch";

    public int InChannels { get; }

    public int NumClasses { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public LabelMap Run(Image2D input) => SegmentationPredictor.Predict(_network, input);

    public void Dispose() => _network.Dispose();
}
