using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>The 1×1 convolution from decoder features to class logits that every segmentation network registers as <c>head</c>.</summary>
internal static class SegmentationHead
{
    /// <summary>The child name shared by all families.</summary>
    public const string Name = "head";

    /// <summary>Throws unless <paramref name="numClasses"/> ≥ 1.</summary>
    public static void CheckClasses(long numClasses)
    {
        if (numClasses < 1)
        {
            throw new ArgumentOutOfRangeException("NumClasses", numClasses, "ModelConfig.NumClasses (output classes, background included) must be ≥ 1.");
        }
    }

    /// <summary>A freshly initialised 1×1 convolution with bias.</summary>
    public static Conv2dLayer Create(long inChannels, long numClasses, Generator? generator) =>
        new(inChannels, numClasses, 1, generator: generator);

    /// <summary>The current head of <paramref name="network"/> (looked up, because <c>ResetHead</c> replaces it).</summary>
    public static Conv2dLayer Of(nn.Module network) => (Conv2dLayer)network.named_children().First(c => c.name == Name).module;
}
