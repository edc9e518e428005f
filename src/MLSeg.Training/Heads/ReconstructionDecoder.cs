using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Heads;

/// <summary>
/// Pretraining head for the <c>autoencoder</c> strategy: a decoder WITHOUT skip connections, so the image must pass
/// through the bottleneck. log2(stride) steps of [2×2 transposed conv, stride 2 → ReLU] halve the channels (not below
/// 8), and a 3×3 conv maps to the image channels (children <c>layers.0</c>, <c>layers.1</c>, …).
/// </summary>
public sealed class ReconstructionDecoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Creates the decoder.</summary>
    /// <param name="bottleneckChannels">Channels of the encoder's last stage.</param>
    /// <param name="bottleneckStride">Stride of that stage (a power of 2).</param>
    /// <param name="outChannels">Image channels to reconstruct.</param>
    /// <param name="generator">Initialisation generator.</param>
    public ReconstructionDecoder(long bottleneckChannels, int bottleneckStride, long outChannels, Generator? generator = null) : base(nameof(ReconstructionDecoder))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bottleneckChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (bottleneckStride < 1 || (bottleneckStride & (bottleneckStride - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bottleneckStride), bottleneckStride, "The bottleneck stride must be a power of 2.");
        }

        var modules = new List<nn.Module<Tensor, Tensor>>();
        long channels = bottleneckChannels;
        for (int s = bottleneckStride; s > 1; s /= 2)
        {
            long next = Math.Max(8, channels / 2);
            modules.Add(new ConvTranspose2dLayer(channels, next, 2, 2, generator: generator));
            modules.Add(nn.ReLU());
            channels = next;
        }

        modules.Add(new Conv2dLayer(channels, outChannels, 3, padding: 1, generator: generator));
        layers = nn.Sequential(modules);
        register_module("layers", layers);
    }

    /// <summary>The reconstruction (N, C_out, H, W) of a bottleneck (N, C, H/s, W/s).</summary>
    public override Tensor forward(Tensor input) => layers.forward(input);
}
