using MLSeg.Torch;
using MLSeg.Torch.NN;

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
    public static Conv2d Create(long inChannels, long numClasses, Generator? generator) =>
        new(inChannels, numClasses, 1, generator: generator);

    /// <summary>The current head of <paramref name="network"/> (looked up, because <c>ResetHead</c> replaces it).</summary>
    public static Conv2d Of(Module network) => (Conv2d)network.GetSubmodule(Name);
}
