using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Models.Heads;

/// <summary>Runs an encoder and global-average-pools its bottleneck to one feature vector per image.</summary>
internal static class PooledFeatures
{
    /// <summary>(N, BottleneckChannels) features; the other stage maps are freed at once.</summary>
    public static Tensor Of(Encoder encoder, Tensor input)
    {
        IReadOnlyList<Tensor> features = encoder.Forward(input);
        try
        {
            using Tensor pooled = Functional.AdaptiveAvgPool2d(features[^1], (1, 1));
            return pooled.Flatten(1);
        }
        finally
        {
            foreach (Tensor f in features)
            {
                f.Dispose();
            }
        }
    }
}
