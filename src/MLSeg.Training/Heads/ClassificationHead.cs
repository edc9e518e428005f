using MLSeg.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace MLSeg.Training.Heads;

/// <summary>
/// Pretraining head for the <c>classification</c> strategy: global average pooling of the bottleneck feature map
/// (N, C, h, w) → (N, C), then a linear layer (child <c>fc</c>) to class logits (N, K). Private to pretraining; it is
/// discarded after.
/// </summary>
public sealed class ClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly LinearLayer fc;

    /// <summary>Creates the head for <paramref name="features"/> bottleneck channels and <paramref name="numClasses"/> classes.</summary>
    /// <param name="features">Bottleneck channels.</param>
    /// <param name="numClasses">Classes (≥ 2).</param>
    /// <param name="generator">Initialisation stream (the global one when null).</param>
    public ClassificationHead(long features, long numClasses, Generator? generator = null) : base(nameof(ClassificationHead))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        NumClasses = numClasses;
        fc = new LinearLayer(features, numClasses, generator: generator);
        register_module("fc", fc);
    }

    /// <summary>Number of classes.</summary>
    public long NumClasses { get; }

    /// <summary>Logits (N, K) of a bottleneck feature map (N, C, h, w).</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using Tensor pooled = input.mean([2, 3]);
        return fc.forward(pooled);
    }
}
