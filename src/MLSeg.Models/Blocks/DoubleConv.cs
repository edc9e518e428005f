using MLSeg.Models.Contracts;
using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.Blocks;

/// <summary>
/// Two (3×3 convolution → norm → ReLU) layers, padding 1 so the size is kept: the U-Net stage of Ronneberger et al. with
/// "same" padding. Children <c>conv1</c>, <c>norm1</c>, <c>conv2</c>, <c>norm2</c>; the convolutions have no bias (the
/// norm's shift replaces it).
/// </summary>
internal sealed class DoubleConv : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Conv2dLayer conv1;
    private readonly nn.Module<Tensor, Tensor> norm1;
    private readonly Conv2dLayer conv2;
    private readonly nn.Module<Tensor, Tensor> norm2;

    public DoubleConv(long inChannels, long outChannels, NormKind norm, long groups, Generator? generator)
        : base(nameof(DoubleConv))
    {
        conv1 = this.Register("conv1", new Conv2dLayer(inChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        norm1 = this.Register("norm1", Norms.Create(norm, outChannels, groups));
        conv2 = this.Register("conv2", new Conv2dLayer(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        norm2 = this.Register("norm2", Norms.Create(norm, outChannels, groups));
        OutChannels = outChannels;
    }

    public long OutChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using Tensor a = conv1.forward(input);
        using Tensor b = norm1.forward(a);
        using Tensor c = b.relu();
        using Tensor d = conv2.forward(c);
        using Tensor e = norm2.forward(d);
        return e.relu();
    }
}
