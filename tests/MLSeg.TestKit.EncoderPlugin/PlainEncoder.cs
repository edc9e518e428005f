using MLSeg.Models;
using MLSeg.Models.Contracts;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLSeg.TestKit.EncoderPlugin;

/// <summary>Two stages (strides 1 and 2) of Conv2d → BatchNorm2d → ReLU in plain TorchSharp, as a notebook user writes them.</summary>
public sealed class PlainEncoder : Encoder
{
    private readonly Sequential stage1;
    private readonly Sequential stage2;

    /// <summary>Creates the encoder for <paramref name="inChannels"/> input channels.</summary>
    public PlainEncoder(long inChannels) : base(nameof(PlainEncoder))
    {
        InChannels = inChannels;
        stage1 = nn.Sequential(nn.Conv2d(inChannels, 8, 3, padding: 1), nn.BatchNorm2d(8), nn.ReLU());
        stage2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride: 2, padding: 1), nn.BatchNorm2d(16), nn.ReLU());
        register_module("stage1", stage1);
        register_module("stage2", stage2);
    }

    /// <inheritdoc />
    public override long InChannels { get; }

    /// <inheritdoc />
    public override IReadOnlyList<long> StageChannels { get; } = [8, 16];

    /// <inheritdoc />
    public override IReadOnlyList<int> StageStrides { get; } = [1, 2];

    /// <inheritdoc />
    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        Tensor a = stage1.forward(input);
        return [a, stage2.forward(a)];
    }
}

/// <summary>Offers <see cref="PlainEncoder"/> as <c>plain-torchsharp-test</c> to processes that load this assembly (MLSEG_ENCODERS).</summary>
public sealed class PlainEncoderProvider : IEncoderProvider
{
    /// <summary>The name specs use.</summary>
    public const string Name = "plain-torchsharp-test";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, EncoderBuilder> Encoders { get; } =
        new Dictionary<string, EncoderBuilder> { [Name] = (config, generator) => new PlainEncoder(config.InChannels) };
}
