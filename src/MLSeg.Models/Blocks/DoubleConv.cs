using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Models.Blocks;

/// <summary>
/// Two (3×3 convolution → norm → ReLU) layers, padding 1 so the size is kept: the U-Net stage of Ronneberger et al. with
/// "same" padding. Children <c>conv1</c>, <c>norm1</c>, <c>conv2</c>, <c>norm2</c>; the convolutions have no bias (the
/// norm's shift replaces it).
/// </summary>
internal sealed class DoubleConv : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Module<Tensor, Tensor> norm1;
    private readonly Conv2d conv2;
    private readonly Module<Tensor, Tensor> norm2;

    public DoubleConv(long inChannels, long outChannels, NormKind norm, long groups, Generator? generator)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        norm1 = RegisterModule("norm1", Norms.Create(norm, outChannels, groups));
        conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        norm2 = RegisterModule("norm2", Norms.Create(norm, outChannels, groups));
        OutChannels = outChannels;
    }

    public long OutChannels { get; }

    public override Tensor Forward(Tensor input)
    {
        using Tensor a = conv1.Forward(input);
        using Tensor b = norm1.Forward(a);
        using Tensor c = b.Relu();
        using Tensor d = conv2.Forward(c);
        using Tensor e = norm2.Forward(d);
        return e.Relu();
    }
}
