using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Heads;

/// <summary>
/// Image classification for pretraining an encoder: the encoder (child <c>encoder</c>), global average pooling of its
/// bottleneck, and a linear layer to the class logits (child <c>fc</c>). Input (N, C, H, W); output (N, classes).
/// </summary>
public sealed class ClassificationNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Encoder encoder;
    private readonly LinearLayer fc;

    /// <summary>Wraps <paramref name="encoder"/>, which the network takes ownership of and disposes.</summary>
    /// <param name="encoder">Any encoder.</param>
    /// <param name="numClasses">Classes (≥ 1).</param>
    /// <param name="generator">Initialisation stream of <c>fc</c> (the global one when null).</param>
    public ClassificationNetwork(Encoder encoder, long numClasses, Generator? generator = null)
        : base(nameof(ClassificationNetwork))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numClasses);
        NumClasses = numClasses;
        this.encoder = this.Register("encoder", encoder);
        fc = this.Register("fc", new LinearLayer(encoder.BottleneckChannels, numClasses, generator: generator));
    }

    /// <summary>The encoder being pretrained.</summary>
    public Encoder Encoder => encoder;

    /// <summary>Output classes.</summary>
    public long NumClasses { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using Tensor pooled = PooledFeatures.Of(encoder, input);
        return fc.forward(pooled);
    }
}
