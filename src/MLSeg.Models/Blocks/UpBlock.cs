using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>
/// One decoder step: ×2 upsampling to <c>outChannels</c> (child <c>up</c>: a 2×2 stride-2 transposed convolution, or
/// <c>up.0</c> bilinear ×2 then <c>up.1</c> a 3×3 convolution), concatenation with an optional skip feature map along
/// the channels, then a <see cref="DoubleConv"/> (child <c>conv</c>).
/// </summary>
internal sealed class UpBlock : nn.Module
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly nn.Module<Tensor, Tensor> up;
    private readonly DoubleConv conv;

    /// <param name="inChannels">Channels of the coarser input.</param>
    /// <param name="skipChannels">Channels of the skip concatenated after upsampling (0: none).</param>
    /// <param name="outChannels">Channels after upsampling and after the block.</param>
    /// <param name="upsampling">Transposed convolution or bilinear + convolution.</param>
    /// <param name="norm">Norm of the convolution block.</param>
    /// <param name="groups">GroupNorm groups.</param>
    /// <param name="generator">Initialisation stream.</param>
    public UpBlock(long inChannels, long skipChannels, long outChannels, UpsamplingKind upsampling, NormKind norm, long groups, Generator? generator)
        : base(nameof(UpBlock))
    {
        up = this.Register<nn.Module<Tensor, Tensor>>("up", upsampling switch
        {
            UpsamplingKind.Transpose => new ConvTranspose2dLayer(inChannels, outChannels, 2, stride: 2, generator: generator),
            UpsamplingKind.Bilinear => nn.Sequential(
                new UpsampleLayer(2, bilinear: true),
                new Conv2dLayer(inChannels, outChannels, 3, padding: 1, generator: generator)),
            _ => throw new ArgumentOutOfRangeException(nameof(upsampling), upsampling, "Expected UpsamplingKind.Transpose or UpsamplingKind.Bilinear."),
        });
        conv = this.Register("conv", new DoubleConv(outChannels + skipChannels, outChannels, norm, groups, generator));
        SkipChannels = skipChannels;
        OutChannels = outChannels;
    }

    public long SkipChannels { get; }

    public long OutChannels { get; }

    /// <summary>Upsamples <paramref name="input"/>, concatenates <paramref name="skip"/> (same size as the upsampled map) and convolves.</summary>
    public Tensor Forward(Tensor input, Tensor? skip)
    {
        if ((skip is null) != (SkipChannels == 0))
        {
            throw new ArgumentException($"This decoder block was built for {SkipChannels} skip channels but was given {(skip is null ? "no skip" : skip.Describe())}.", nameof(skip));
        }

        using Tensor upsampled = up.forward(input);
        if (skip is null)
        {
            return conv.forward(upsampled);
        }

        using Tensor joined = torch.cat([upsampled, skip], 1);
        return conv.forward(joined);
    }
}
