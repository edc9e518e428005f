using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>Shape checks every encoder runs before its first layer, so a wrong image fails with what was expected.</summary>
internal static class InputChecks
{
    /// <summary>Throws unless <paramref name="input"/> is (N, <paramref name="channels"/>, H, W) with H and W multiples of <paramref name="divisor"/>.</summary>
    public static void Require(Tensor input, long channels, int divisor, string owner)
    {
        ArgumentNullException.ThrowIfNull(input);
        long[] shape = input.shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException($"{owner} expects an image batch (N, C, H, W); got {input.Describe()}.", nameof(input));
        }

        if (shape[1] != channels)
        {
            throw new ArgumentException($"{owner} expects {channels} input channel(s) (ModelConfig.InChannels); got {shape[1]} in {input.Describe()}.", nameof(input));
        }

        if (shape[2] % divisor != 0 || shape[3] % divisor != 0)
        {
            throw new ArgumentException(
                $"{owner} input height and width must be multiples of {divisor} (the encoder's RequiredDivisor); got {shape[2]}×{shape[3]}. " +
                "Pad or resize the images to a multiple of it.", nameof(input));
        }
    }
}
