using MLSeg.Models.Contracts;
using MLSeg.Torch;
using MLSeg.Torch.NN;

namespace MLSeg.Training.Tests;

/// <summary>Test-only two-stage encoder: conv (stride 1) then conv + BatchNorm (stride 2).</summary>
internal sealed class TinyEncoder : Encoder
{
    private readonly Sequential stage1;
    private readonly Sequential stage2;

    public TinyEncoder(long inChannels, Generator generator)
    {
        InChannels = inChannels;
        stage1 = RegisterModule("stage1", new Sequential(new Conv2d(inChannels, 8, 3, padding: 1, generator: generator), new ReLU()));
        stage2 = RegisterModule("stage2", new Sequential(new Conv2d(8, 16, 3, stride: 2, padding: 1, generator: generator), new BatchNorm2d(16), new ReLU()));
    }

    public override long InChannels { get; }

    public override IReadOnlyList<long> StageChannels { get; } = [8, 16];

    public override IReadOnlyList<int> StageStrides { get; } = [1, 2];

    public override IReadOnlyList<Tensor> Forward(Tensor input)
    {
        Tensor f1 = stage1.Forward(input);
        return [f1, stage2.Forward(f1)];
    }
}
