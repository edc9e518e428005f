using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Models.ResNet;

/// <summary>
/// torchvision's ResNet BasicBlock: <c>conv1</c> (3×3, stride s) → <c>bn1</c> → ReLU → <c>conv2</c> (3×3) → <c>bn2</c>,
/// plus the identity or, when the stride or channels change, <c>downsample.0</c> (1×1 convolution, stride s) →
/// <c>downsample.1</c> (BatchNorm); then ReLU. Convolutions have no bias.
/// </summary>
internal sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inChannels, long outChannels, long stride, Generator? generator)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false, generator: generator));
        bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        RegisterModule("relu", new ReLU());
        conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        TorchvisionInit.KaimingNormalFanOut(conv1.Weight, generator);
        TorchvisionInit.KaimingNormalFanOut(conv2.Weight, generator);
        if (stride != 1 || inChannels != outChannels)
        {
            var projection = new Conv2d(inChannels, outChannels, 1, stride: stride, bias: false, generator: generator);
            TorchvisionInit.KaimingNormalFanOut(projection.Weight, generator);
            downsample = RegisterModule("downsample", new Sequential(projection, new BatchNorm2d(outChannels)));
        }
    }

    public override Tensor Forward(Tensor input)
    {
        using Tensor a = conv1.Forward(input);
        using Tensor b = bn1.Forward(a);
        using Tensor c = b.Relu();
        using Tensor d = conv2.Forward(c);
        using Tensor e = bn2.Forward(d);
        using Tensor? projected = downsample?.Forward(input);
        using Tensor sum = e.Add(projected ?? input);
        return sum.Relu();
    }
}
