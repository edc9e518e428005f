using MLSeg.Models.Contracts;
using MLSeg.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.Training.Tests;

/// <summary>
/// A user-defined encoder built from TorchSharp's own layers (nn.Conv2d, nn.BatchNorm2d, nn.ReLU, nn.Sequential), as a
/// notebook user would write one: conv (stride 1), then conv + BatchNorm (stride 2). Its convolutions are re-initialised
/// from the given generator so tests do not depend on libtorch's global stream.
/// </summary>
internal sealed class TinyEncoder : Encoder
{
    private readonly Sequential stage1;
    private readonly Sequential stage2;

    public TinyEncoder(long inChannels, Generator generator) : base(nameof(TinyEncoder))
    {
        InChannels = inChannels;
        Conv2d conv1 = nn.Conv2d(inChannels, 8, 3, padding: 1);
        Conv2d conv2 = nn.Conv2d(8, 16, 3, stride: 2, padding: 1);
        Reinitialise(conv1, inChannels * 9, generator);
        Reinitialise(conv2, 8 * 9, generator);
        stage1 = nn.Sequential(conv1, nn.ReLU());
        stage2 = nn.Sequential(conv2, nn.BatchNorm2d(16), nn.ReLU());
        register_module("stage1", stage1);
        register_module("stage2", stage2);
    }

    public override long InChannels { get; }

    public override IReadOnlyList<long> StageChannels { get; } = [8, 16];

    public override IReadOnlyList<int> StageStrides { get; } = [1, 2];

    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        Tensor f1 = stage1.forward(input);
        return [f1, stage2.forward(f1)];
    }

    private static void Reinitialise(Conv2d conv, long fanIn, Generator generator)
    {
        Init.KaimingUniform(conv.weight!, fanIn, generator);
        Init.FanInBias(conv.bias!, fanIn, generator);
    }
}
