using MLSeg.Models.Engine;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Models.ResNet;

/// <summary>
/// torchvision's ResNet BasicBlock: <c>conv1</c> (3×3, stride s) → <c>bn1</c> → ReLU → <c>conv2</c> (3×3) → <c>bn2</c>,
/// plus the identity or, when the stride or channels change, <c>downsample.0</c> (1×1 convolution, stride s) →
/// <c>downsample.1</c> (BatchNorm); then ReLU. Convolutions have no bias.
/// </summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Children and parameters are registered explicitly under PyTorch's names; no registration by field reflection.</summary>
    protected override void RegisterComponents()
    {
    }

    private readonly Conv2dLayer conv1;
    private readonly BatchNorm2dLayer bn1;
    private readonly Conv2dLayer conv2;
    private readonly BatchNorm2dLayer bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inChannels, long outChannels, long stride, Generator? generator)
        : base(nameof(BasicBlock))
    {
        conv1 = this.Register("conv1", new Conv2dLayer(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false, generator: generator));
        bn1 = this.Register("bn1", new BatchNorm2dLayer(outChannels));
        this.Register("relu", nn.ReLU());
        conv2 = this.Register("conv2", new Conv2dLayer(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        bn2 = this.Register("bn2", new BatchNorm2dLayer(outChannels));
        Init.KaimingNormalFanOut(conv1.Weight, generator);
        Init.KaimingNormalFanOut(conv2.Weight, generator);
        if (stride != 1 || inChannels != outChannels)
        {
            var projection = new Conv2dLayer(inChannels, outChannels, 1, stride: stride, bias: false, generator: generator);
            Init.KaimingNormalFanOut(projection.Weight, generator);
            downsample = this.Register("downsample", nn.Sequential(projection, new BatchNorm2dLayer(outChannels)));
        }
    }

    public override Tensor forward(Tensor input)
    {
        using Tensor a = conv1.forward(input);
        using Tensor b = bn1.forward(a);
        using Tensor c = b.relu();
        using Tensor d = conv2.forward(c);
        using Tensor e = bn2.forward(d);
        using Tensor? projected = downsample?.forward(input);
        using Scalar one = 1.0.ToScalar(); // explicit alpha: TorchSharp's add(x) makes an implicit Scalar that can be finalized mid-call
        using Tensor sum = e.add(projected ?? input, one);
        return sum.relu();
    }
}
