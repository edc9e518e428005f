using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Training.Heads;

/// <summary>
/// Pretraining head for the <c>classification</c> strategy: global average pooling of the bottleneck feature map
/// (N, C, h, w) → (N, C), then a linear layer to class logits (N, K). Private to pretraining; it is discarded after.
/// </summary>
public sealed class ClassificationHead : Module<Tensor, Tensor>
{
    private readonly Linear fc;

    /// <summary>Creates the head for <paramref name="features"/> bottleneck channels and <paramref name="numClasses"/> classes.</summary>
    public ClassificationHead(long features, long numClasses, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        NumClasses = numClasses;
        fc = RegisterModule("fc", new Linear(features, numClasses, generator: generator));
    }

    /// <summary>Number of classes.</summary>
    public long NumClasses { get; }

    /// <summary>Logits (N, K) of a bottleneck feature map (N, C, h, w).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using Tensor pooled = input.Mean([2, 3]);
        return fc.Forward(pooled);
    }
}
