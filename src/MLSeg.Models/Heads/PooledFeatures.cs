using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Heads;

/// <summary>Runs an encoder and global-average-pools its bottleneck to one feature vector per image.</summary>
internal static class PooledFeatures
{
    /// <summary>(N, BottleneckChannels) features; the other stage maps are freed at once.</summary>
    public static Tensor Of(Encoder encoder, Tensor input)
    {
        IReadOnlyList<Tensor> features = encoder.forward(input);
        try
        {
            using Tensor pooled = nn.functional.adaptive_avg_pool2d(features[^1], 1);
            return pooled.flatten(1);
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
