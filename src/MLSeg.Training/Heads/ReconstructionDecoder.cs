using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Training.Heads;

/// <summary>
/// Pretraining head for the <c>autoencoder</c> strategy: a decoder WITHOUT skip connections, so the image must pass
/// through the bottleneck. log2(stride) steps of [2×2 transposed conv, stride 2 → ReLU] halve the channels (not below
/// 8), and a 3×3 conv maps to the image channels.
/// </summary>
public sealed class ReconstructionDecoder : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the decoder.</summary>
    /// <param name="bottleneckChannels">Channels of the encoder's last stage.</param>
    /// <param name="bottleneckStride">Stride of that stage (a power of 2).</param>
    /// <param name="outChannels">Image channels to reconstruct.</param>
    /// <param name="generator">Initialisation generator.</param>
    public ReconstructionDecoder(long bottleneckChannels, int bottleneckStride, long outChannels, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bottleneckChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (bottleneckStride < 1 || (bottleneckStride & (bottleneckStride - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bottleneckStride), bottleneckStride, "The bottleneck stride must be a power of 2.");
        }

        layers = RegisterModule("layers", new Sequential());
        long channels = bottleneckChannels;
        for (int s = bottleneckStride; s > 1; s /= 2)
        {
            long next = Math.Max(8, channels / 2);
            layers.Append(new ConvTranspose2d(channels, next, (2, 2), (2, 2), generator: generator)).Append(new ReLU());
            channels = next;
        }

        layers.Append(new Conv2d(channels, outChannels, 3, padding: 1, generator: generator));
    }

    /// <summary>The reconstruction (N, C_out, H, W) of a bottleneck (N, C, H/s, W/s).</summary>
    public override Tensor Forward(Tensor input) => layers.Forward(input);
}
